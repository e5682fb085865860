/** Every react-query key of the app, so an invalidation can't miss by a typo. */
export const queryKeys = {
  me: ["me"],
  contacts: ["contacts"],
  requests: ["contact-requests"],
  blocks: ["blocks"],
  user: (id: string) => ["user", id] as const,
  search: (q: string) => ["user-search", q] as const,
} as const;
