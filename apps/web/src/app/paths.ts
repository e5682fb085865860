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
  moments: "/moments",
  newMoment: "/moments/new",
  momentNotifications: "/moments/notifications",
  moment: (id: string) => `/moments/${encodeURIComponent(id)}`,
  userMoments: (userId: string) => `/moments/people/${encodeURIComponent(userId)}`,
  momentsPermissions: (userId: string) => `/contacts/${encodeURIComponent(userId)}/moments-permissions`,
  momentsSettings: "/me/moments",
  me: "/me",
  editName: "/me/name",
  profilePhoto: "/me/photo",
  language: "/me/language",
  blocked: "/me/blocked",
  wallet: "/me/wallet",
  walletTopUp: "/me/wallet/top-up",
  walletWithdraw: "/me/wallet/withdraw",
  walletPin: "/me/wallet/pin",
  walletTransactions: "/me/wallet/transactions",
  walletTransfer: (id: string) => `/me/wallet/transfers/${encodeURIComponent(id)}`,
  /** Pay someone: from a profile, a chat (`conversationId`: the card lands there) or a scanned code (`amount` fixed, minor units). */
  pay: (userId: string, options: { conversationId?: string; amount?: number } = {}) => {
    const query = new URLSearchParams();
    if (options.conversationId) query.set("conversationId", options.conversationId);
    if (options.amount !== undefined) query.set("amount", String(options.amount));
    const qs = query.toString();
    return `/pay/${encodeURIComponent(userId)}${qs ? `?${qs}` : ""}`;
  },
  newRedPacket: (conversationId: string) => `/chats/${encodeURIComponent(conversationId)}/red-packet`,
  redPacket: (id: string) => `/red-packets/${encodeURIComponent(id)}`,
  /** QR codes: scan, my code, receive money, a group's invite, approving a web login. */
  scan: "/scan",
  myQr: "/qr/me",
  receiveMoney: "/qr/receive",
  approveLogin: "/qr/login",
  groupQr: (conversationId: string) => `/chats/${encodeURIComponent(conversationId)}/qr`,
  /** A code opened from its link, once signed in (`/q/<token>` leads here). */
  qrOpen: (token: string) => `/qr/open/${encodeURIComponent(token)}`,
  /** Sign in, then go on to `next` (a path of this app). */
  signInThen: (next: string) => `/sign-in?next=${encodeURIComponent(next)}`,
} as const;
