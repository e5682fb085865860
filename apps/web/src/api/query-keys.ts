/** Every react-query key of the app, so an invalidation can't miss by a typo. */
export const queryKeys = {
  me: ["me"],
  contacts: ["contacts"],
  requests: ["contact-requests"],
  blocks: ["blocks"],
  user: (id: string) => ["user", id] as const,
  search: (q: string) => ["user-search", q] as const,
  conversations: ["conversations"],
  conversation: (id: string) => ["conversation", id] as const,
  messages: (conversationId: string) => ["messages", conversationId] as const,
  fileInfo: (mediaId: string) => ["file-info", mediaId] as const,
} as const;
