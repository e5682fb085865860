import { z } from "zod";
import { Id, NoContent, PageQuery, page } from "./common.ts";
import { User } from "./identity.ts";
import { defineRoute } from "./routes.ts";

export const MAX_MOMENT_TEXT = 2000;
export const MAX_MOMENT_PHOTOS = 9;
export const MAX_COMMENT_TEXT = 1000;
/** How many people an `only` or `except` list may name. */
export const MAX_VISIBILITY_USERS = 1000;

/**
 * Who sees a moment: all my contacts (default), just me, only the listed contacts, or all my
 * contacts but the listed ones. Listed people must be my contacts.
 */
export const MomentVisibility = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("contacts") }),
  z.object({ mode: z.literal("private") }),
  z.object({ mode: z.literal("only"), userIds: z.array(Id).min(1).max(MAX_VISIBILITY_USERS) }),
  z.object({ mode: z.literal("except"), userIds: z.array(Id).min(1).max(MAX_VISIBILITY_USERS) }),
]);
export type MomentVisibility = z.infer<typeof MomentVisibility>;
export type MomentVisibilityMode = MomentVisibility["mode"];

/** A photo of a moment, in the order the author chose. */
export const MomentMedia = z.object({
  id: Id,
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type MomentMedia = z.infer<typeof MomentMedia>;

export const MomentComment = z.object({
  id: Id,
  author: User,
  text: z.string(),
  /** The person this comment answers; null for a comment on the moment itself. */
  replyTo: User.nullable(),
  createdAt: z.string(),
});
export type MomentComment = z.infer<typeof MomentComment>;

/**
 * A moment as one viewer sees it. `likes` and `comments` hold only people who are the viewer's
 * own contacts (and the viewer), oldest first.
 */
export const Moment = z.object({
  id: Id,
  author: User,
  /** Null when the moment is photos only. */
  text: z.string().nullable(),
  media: z.array(MomentMedia),
  createdAt: z.string(),
  likes: z.array(User),
  comments: z.array(MomentComment),
  /** Whether the viewer liked it. */
  likedByMe: z.boolean(),
  /** Who may see it: given to the author only (null for everybody else). */
  visibility: MomentVisibility.nullable(),
});
export type Moment = z.infer<typeof Moment>;

export const CreateMomentBody = z
  .object({
    text: z.string().max(MAX_MOMENT_TEXT).optional(),
    mediaIds: z.array(Id).max(MAX_MOMENT_PHOTOS).optional(),
    visibility: MomentVisibility.default({ mode: "contacts" }),
  })
  .refine((b) => (b.text !== undefined && b.text.trim().length > 0) || (b.mediaIds?.length ?? 0) > 0, {
    message: "a moment needs some text or at least one photo",
    path: ["text"],
  });
export type CreateMomentBody = z.input<typeof CreateMomentBody>;

export const CreateCommentBody = z.object({
  text: z.string().trim().min(1).max(MAX_COMMENT_TEXT),
  /** Answer someone who liked or commented on this moment (visible to me in its thread). */
  replyToUserId: Id.optional(),
});

export const MomentNotificationKind = z.enum(["like", "comment"]);
export type MomentNotificationKind = z.infer<typeof MomentNotificationKind>;

/** Someone liked my moment, commented on it, or replied to me under a moment. */
export const MomentNotification = z.object({
  id: Id,
  kind: MomentNotificationKind,
  momentId: Id,
  actor: User,
  /** The comment, for `comment` notifications. */
  comment: z.object({ id: Id, text: z.string(), replyTo: User.nullable() }).nullable(),
  /** The moment's first photo, for the list. */
  thumbUrl: z.string().nullable(),
  /** The start of the moment's text, when it has no photo. */
  momentText: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type MomentNotification = z.infer<typeof MomentNotification>;

export const MomentNotificationsPage = page(MomentNotification).extend({
  /** Unread notifications in all (not just this page): the badge. */
  unread: z.number().int().min(0),
});

export const ReadNotificationsBody = z
  .object({
    /** Mark read up to and including this notification; all of them when absent. */
    upToId: Id.optional(),
  })
  .optional();

/** How far back people other than me may look through my moments. */
export const VisibleRange = z.enum(["3d", "6m", "all"]);
export type VisibleRange = z.infer<typeof VisibleRange>;

export const MomentSettings = z.object({ visibleRange: VisibleRange });
export type MomentSettings = z.infer<typeof MomentSettings>;

/** My moment permissions about one person. */
export const MomentPermissions = z.object({
  /** They don't see my moments (as if every moment excluded them). */
  hideMyMomentsFromThem: z.boolean(),
  /** Their moments don't appear in my feed (their profile still shows them). */
  hideTheirMomentsFromMe: z.boolean(),
});
export type MomentPermissions = z.infer<typeof MomentPermissions>;

const MomentParams = z.object({ id: Id });

export const momentsRoutes = {
  create: defineRoute({
    method: "POST",
    path: "/moments",
    summary: "Post a moment: text and/or up to 9 photos, with who may see it.",
    tags: ["moments"],
    auth: true,
    body: CreateMomentBody,
    response: { 201: Moment },
  }),
  feed: defineRoute({
    method: "GET",
    path: "/moments/feed",
    summary: "My moments and my contacts' moments visible to me, newest first.",
    tags: ["moments"],
    auth: true,
    query: PageQuery,
    response: { 200: page(Moment) },
  }),
  userMoments: defineRoute({
    method: "GET",
    path: "/users/:id/moments",
    summary: "One person's moments visible to me, newest first (within their visible range).",
    tags: ["moments"],
    auth: true,
    params: z.object({ id: Id }),
    query: PageQuery,
    response: { 200: page(Moment) },
  }),
  get: defineRoute({
    method: "GET",
    path: "/moments/:id",
    summary: "One moment; 404 when it isn't visible to me.",
    tags: ["moments"],
    auth: true,
    params: MomentParams,
    response: { 200: Moment },
  }),
  remove: defineRoute({
    method: "DELETE",
    path: "/moments/:id",
    summary: "Delete my moment (its likes, comments and notifications go with it).",
    tags: ["moments"],
    auth: true,
    params: MomentParams,
    response: { 204: NoContent },
  }),
  like: defineRoute({
    method: "POST",
    path: "/moments/:id/likes",
    summary: "Like a moment (idempotent).",
    tags: ["moments"],
    auth: true,
    params: MomentParams,
    response: { 204: NoContent },
  }),
  unlike: defineRoute({
    method: "DELETE",
    path: "/moments/:id/likes",
    summary: "Take my like back (idempotent).",
    tags: ["moments"],
    auth: true,
    params: MomentParams,
    response: { 204: NoContent },
  }),
  comment: defineRoute({
    method: "POST",
    path: "/moments/:id/comments",
    summary: "Comment on a moment, or reply to someone in its thread.",
    tags: ["moments"],
    auth: true,
    params: MomentParams,
    body: CreateCommentBody,
    response: { 201: MomentComment },
  }),
  deleteComment: defineRoute({
    method: "DELETE",
    path: "/moments/:id/comments/:commentId",
    summary: "Delete a comment (its author or the moment's author).",
    tags: ["moments"],
    auth: true,
    params: z.object({ id: Id, commentId: Id }),
    response: { 204: NoContent },
  }),
  notifications: defineRoute({
    method: "GET",
    path: "/moments/notifications",
    summary: "Likes and comments on my moments and replies to me, newest first, with the unread count.",
    tags: ["moments"],
    auth: true,
    query: PageQuery,
    response: { 200: MomentNotificationsPage },
  }),
  readNotifications: defineRoute({
    method: "POST",
    path: "/moments/notifications/read",
    summary: "Mark my moment notifications read (all, or up to one).",
    tags: ["moments"],
    auth: true,
    body: ReadNotificationsBody,
    response: { 204: NoContent },
  }),
  getSettings: defineRoute({
    method: "GET",
    path: "/moments/settings",
    summary: "My moments settings.",
    tags: ["moments"],
    auth: true,
    response: { 200: MomentSettings },
  }),
  putSettings: defineRoute({
    method: "PUT",
    path: "/moments/settings",
    summary: "Set how far back others may look through my moments.",
    tags: ["moments"],
    auth: true,
    body: MomentSettings,
    response: { 200: MomentSettings },
  }),
  getPermissions: defineRoute({
    method: "GET",
    path: "/users/:id/moments-permissions",
    summary: "Whether I hide my moments from this person and their moments from my feed.",
    tags: ["moments"],
    auth: true,
    params: z.object({ id: Id }),
    response: { 200: MomentPermissions },
  }),
  putPermissions: defineRoute({
    method: "PUT",
    path: "/users/:id/moments-permissions",
    summary: "Hide my moments from this person and/or their moments from my feed.",
    tags: ["moments"],
    auth: true,
    params: z.object({ id: Id }),
    body: MomentPermissions,
    response: { 200: MomentPermissions },
  }),
} as const;
