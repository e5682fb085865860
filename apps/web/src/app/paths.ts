/** The app's own URLs (not the API's), in one place. */
export const paths = {
  welcome: "/welcome",
  signIn: "/sign-in",
  signUp: "/sign-up",
  chats: "/chats",
  newChat: "/chats/new",
  chat: (id: string) => `/chats/${encodeURIComponent(id)}`,
  chatInfo: (id: string) => `/chats/${encodeURIComponent(id)}/info`,
  contacts: "/contacts",
  newFriends: "/contacts/new-friends",
  addContact: "/contacts/add",
  contact: (userId: string) => `/contacts/${encodeURIComponent(userId)}`,
  discover: "/discover",
  me: "/me",
  editName: "/me/name",
  language: "/me/language",
  blocked: "/me/blocked",
} as const;
