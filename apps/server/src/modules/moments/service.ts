import type { User } from "@agora/protocol/identity";
import { MEDIA_PATH, MEDIA_THUMB_PATH } from "@agora/protocol/media";
import type {
  Moment,
  MomentComment,
  MomentMedia,
  MomentNotification,
  MomentPermissions,
  MomentSettings,
  MomentVisibility,
  VisibleRange,
} from "@agora/protocol/moments";
import { API_PREFIX, fillPath } from "@agora/protocol/routes";
import { decodeCursor, encodeCursor } from "../../platform/cursor.ts";
import type { Db } from "../../platform/db.ts";
import { BadRequest, Forbidden, NotFound } from "../../platform/errors.ts";
import { isId, newId } from "../../platform/ids.ts";
import type { ContactsService } from "../contacts/service.ts";
import type { Emit, EventsService } from "../events/service.ts";
import type { IdentityService } from "../identity/service.ts";
import type { MediaService } from "../media/service.ts";
import { type InteractionRow, type MomentRow, MomentsRepo, type NotificationRow } from "./repo.ts";

/** How much of a moment's text a notification carries, for a moment without photos. */
const NOTIFICATION_TEXT_CHARS = 100;

const mediaUrl = (id: string) => API_PREFIX + fillPath(MEDIA_PATH, { id });
const thumbUrl = (id: string) => API_PREFIX + fillPath(MEDIA_THUMB_PATH, { id });

function mediaView(m: MomentRow["media"][number]): MomentMedia {
  return { id: m.id, url: mediaUrl(m.id), thumbUrl: thumbUrl(m.id), width: m.width, height: m.height };
}

function visibilityView(row: MomentRow): MomentVisibility {
  if (row.visibility === "only" || row.visibility === "except") {
    return { mode: row.visibility, userIds: row.audience ?? [] };
  }
  return { mode: row.visibility };
}

function snippet(text: string | null): string | null {
  return text === null ? null : [...text].slice(0, NOTIFICATION_TEXT_CHARS).join("");
}

/** A moment deleted between the visibility check and the write: a foreign key refuses it. */
function deletedMeanwhile(err: unknown): never {
  if ((err as { code?: unknown }).code === "23503") throw new NotFound("moment", "moment_not_found");
  throw err;
}

function decodeMomentCursor(cursor: string | undefined): [Date, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at, id] = key;
  const date = new Date(String(at));
  if (typeof at !== "string" || Number.isNaN(date.getTime()) || typeof id !== "string" || !isId(id)) {
    throw new BadRequest("invalid_cursor", "The cursor is not one this server gave out.");
  }
  return [date, id];
}

/**
 * Moments with WeChat's privacy rules. Who may see a moment is one SQL rule
 * (`agora_moment_visible`, applied in bulk by the feed query); what a viewer sees of likes and
 * comments is limited to the viewer and their contacts. Reads happen before a transaction
 * opens, never inside one: embedded PGlite has a single connection.
 */
export class MomentsService {
  readonly #repo: MomentsRepo;

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly identity: IdentityService,
    private readonly contacts: ContactsService,
    private readonly media: MediaService,
  ) {
    this.#repo = new MomentsRepo(db);
  }

  async create(
    meId: string,
    input: { text?: string | undefined; mediaIds?: string[] | undefined; visibility: MomentVisibility },
  ): Promise<Moment> {
    const text = input.text?.trim() ? input.text : null;
    const mediaIds = input.mediaIds ?? [];
    if (text === null && mediaIds.length === 0) {
      throw new BadRequest("moment_empty", "A moment needs some text or at least one photo.");
    }
    if (new Set(mediaIds).size !== mediaIds.length) {
      throw new BadRequest("duplicate_media", "The same photo is listed twice.");
    }
    const owned = await this.media.ownImages(meId, mediaIds);
    if (owned.length !== mediaIds.length) {
      throw new BadRequest("invalid_media", "Photos must be images you uploaded.");
    }
    const byId = new Map(owned.map((m) => [m.id, m]));
    const media = mediaIds.map((id) => {
      const m = byId.get(id) as (typeof owned)[number];
      return { media_id: id, width: m.width, height: m.height };
    });

    let audience: string[] = [];
    if (input.visibility.mode === "only" || input.visibility.mode === "except") {
      audience = [...new Set(input.visibility.userIds)];
      const contactIds = new Set(await this.contacts.contactIds(meId));
      if (!audience.every((id) => contactIds.has(id))) {
        throw new BadRequest("audience_not_contacts", "Only your contacts can be listed.");
      }
    }

    const row: MomentRow = {
      id: newId(),
      author_id: meId,
      text,
      visibility: input.visibility.mode,
      created_at: new Date(),
      media: media.map((m) => ({ id: m.media_id, width: m.width, height: m.height })),
      audience: audience.length > 0 ? audience.sort() : null,
    };
    // One transaction: an `except` moment must never be visible without its list.
    await this.db
      .transaction()
      .execute((tx) =>
        new MomentsRepo(tx).insertMoment(
          { id: row.id, author_id: meId, text, visibility: row.visibility, created_at: row.created_at },
          media,
          audience,
        ),
      );
    const [me] = await this.identity.getUsers([meId]);
    return this.#view(meId, row, me as User, [], new Map());
  }

  /** My moments and my contacts' moments visible to me, newest first. */
  async feed(meId: string, cursor: string | undefined, limit: number) {
    const people = await this.#people(meId);
    return this.#page(meId, people, people, true, cursor, limit);
  }

  /** One person's moments visible to me: a stranger's are none; someone who blocked me is 404. */
  async userMoments(meId: string, userId: string, cursor: string | undefined, limit: number) {
    if (userId !== meId) await this.contacts.person(meId, userId);
    const people = await this.#people(meId);
    const authors = people.includes(userId) ? [userId] : [];
    return this.#page(meId, authors, people, false, cursor, limit);
  }

  async get(meId: string, momentId: string): Promise<Moment> {
    const row = await this.#visible(meId, momentId);
    const people = await this.#people(meId);
    const [view] = await this.#views(meId, [row], people);
    return view as Moment;
  }

  /** Author only; for anybody else the moment does not exist. */
  async remove(meId: string, momentId: string) {
    if (!isId(momentId) || !(await this.#repo.deleteMoment(momentId, meId))) {
      throw new NotFound("moment", "moment_not_found");
    }
  }

  /** Idempotent: liking again changes nothing and notifies nobody. */
  async like(meId: string, momentId: string) {
    const moment = await this.#visible(meId, momentId);
    const [me] = await this.identity.getUsers([meId]);
    await this.events
      .transaction(async (tx, emit) => {
        const repo = new MomentsRepo(tx);
        if (!(await repo.like(moment.id, meId)) || moment.author_id === meId) return;
        await this.#notify(repo, emit, moment, me as User, [moment.author_id], null);
      })
      .catch(deletedMeanwhile);
  }

  async unlike(meId: string, momentId: string) {
    const moment = await this.#visible(meId, momentId);
    await this.db.transaction().execute((tx) => new MomentsRepo(tx).unlike(moment.id, meId));
  }

  /**
   * Comments, or replies to someone: the moment's author, or someone who liked or commented
   * on it and is my contact (whom I can see in the thread). Anybody else is 400
   * `invalid_reply_to`, the same answer whether or not they took part, so it leaks nothing.
   */
  async comment(
    meId: string,
    momentId: string,
    text: string,
    replyToUserId: string | undefined,
  ): Promise<MomentComment> {
    const moment = await this.#visible(meId, momentId);
    let replyTo: string | null = null;
    if (replyToUserId !== undefined) {
      const valid =
        replyToUserId !== meId &&
        isId(replyToUserId) &&
        (replyToUserId === moment.author_id ||
          ((await this.contacts.areContacts(meId, replyToUserId)) &&
            (await this.#repo.tookPart(moment.id, replyToUserId))));
      if (!valid) throw new BadRequest("invalid_reply_to", "You can only reply to someone in this thread.");
      replyTo = replyToUserId;
    }
    // The author hears of every comment; the replied person too, while they can see the moment.
    const recipients = new Set<string>();
    if (moment.author_id !== meId) recipients.add(moment.author_id);
    if (replyTo && replyTo !== moment.author_id && (await this.#repo.isVisible(replyTo, moment.id))) {
      recipients.add(replyTo);
    }
    const users = await this.#users([meId, ...(replyTo ? [replyTo] : [])]);
    const me = users.get(meId) as User;
    const replyToUser = replyTo ? (users.get(replyTo) ?? null) : null;
    const row = await this.events
      .transaction(async (tx, emit) => {
        const repo = new MomentsRepo(tx);
        const comment = await repo.insertComment({
          id: newId(),
          moment_id: moment.id,
          author_id: meId,
          reply_to_id: replyTo,
          text,
        });
        await this.#notify(repo, emit, moment, me, [...recipients], {
          id: comment.id,
          text,
          replyTo: replyToUser,
        });
        return comment;
      })
      .catch(deletedMeanwhile);
    return {
      id: row.id,
      author: me,
      text: row.text,
      replyTo: replyToUser,
      createdAt: row.created_at.toISOString(),
    };
  }

  /** The comment's author or the moment's author may delete it. */
  async deleteComment(meId: string, momentId: string, commentId: string) {
    const moment = await this.#visible(meId, momentId);
    const comment = isId(commentId) ? await this.#repo.commentById(moment.id, commentId) : undefined;
    if (!comment) throw new NotFound("comment", "comment_not_found");
    if (comment.author_id !== meId && moment.author_id !== meId) {
      // A comment I can't see in the thread does not exist for me.
      if (!(await this.contacts.areContacts(meId, comment.author_id))) {
        throw new NotFound("comment", "comment_not_found");
      }
      throw new Forbidden("not_comment_author", "You can only delete your own comments.");
    }
    await this.#repo.deleteComment(comment.id);
  }

  async notifications(meId: string, cursor: string | undefined, limit: number) {
    const key = decodeCursor(cursor, 1);
    const before = key ? String(key[0]) : null;
    if (before !== null && !isId(before)) {
      throw new BadRequest("invalid_cursor", "The cursor is not one this server gave out.");
    }
    const people = await this.#people(meId);
    const [rows, unread] = await Promise.all([
      this.#repo.notifications(meId, people, before, limit + 1),
      this.#repo.unreadCount(meId, people),
    ]);
    const pageRows = rows.slice(0, limit);
    const users = await this.#users(
      pageRows.flatMap((r) => [r.actor_id, ...(r.reply_to_id ? [r.reply_to_id] : [])]),
    );
    const items = pageRows.flatMap((r) => {
      const actor = users.get(r.actor_id);
      return actor ? [this.#notificationView(r, actor, users)] : [];
    });
    const last = pageRows.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null, unread };
  }

  async readNotifications(meId: string, upToId: string | undefined) {
    if (upToId !== undefined && !isId(upToId)) throw new NotFound("notification", "notification_not_found");
    await this.#repo.markRead(meId, upToId ?? null);
  }

  async settings(meId: string): Promise<MomentSettings> {
    return { visibleRange: await this.#repo.visibleRange(meId) };
  }

  async setSettings(meId: string, visibleRange: VisibleRange): Promise<MomentSettings> {
    await this.#repo.setVisibleRange(meId, visibleRange);
    return { visibleRange };
  }

  async permissions(meId: string, otherId: string): Promise<MomentPermissions> {
    await this.#assertOther(meId, otherId);
    const row = await this.#repo.permissions(meId, otherId);
    return {
      hideMyMomentsFromThem: row?.hide_mine ?? false,
      hideTheirMomentsFromMe: row?.hide_theirs ?? false,
    };
  }

  async setPermissions(meId: string, otherId: string, p: MomentPermissions): Promise<MomentPermissions> {
    await this.#assertOther(meId, otherId);
    await this.#repo.setPermissions(meId, otherId, p.hideMyMomentsFromThem, p.hideTheirMomentsFromMe);
    return p;
  }

  /** The media access rule: a moment's photos are for those who can see the moment. */
  canViewMedia(viewerId: string, mediaId: string): Promise<boolean> {
    return isId(mediaId) ? this.#repo.mediaVisible(viewerId, mediaId) : Promise.resolve(false);
  }

  async #assertOther(meId: string, otherId: string) {
    if (otherId === meId) throw new BadRequest("cannot_target_self", "This setting is about someone else.");
    await this.contacts.person(meId, otherId);
  }

  /** The moment if I may see it; 404 otherwise, whether it exists or not. */
  async #visible(meId: string, momentId: string): Promise<MomentRow> {
    const row = isId(momentId) ? await this.#repo.visibleById(meId, momentId) : undefined;
    if (!row) throw new NotFound("moment", "moment_not_found");
    return row;
  }

  /** Me and my contacts: whom I may see in likes and comments. */
  async #people(meId: string): Promise<string[]> {
    return [meId, ...(await this.contacts.contactIds(meId))];
  }

  async #page(
    meId: string,
    authorIds: readonly string[],
    people: readonly string[],
    feed: boolean,
    cursor: string | undefined,
    limit: number,
  ) {
    const after = decodeMomentCursor(cursor);
    const rows = await this.#repo.page(meId, authorIds, { feed, after, limit: limit + 1 });
    const pageRows = rows.slice(0, limit);
    const last = pageRows.at(-1);
    return {
      items: await this.#views(meId, pageRows, people),
      nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  /** Views of a page: one query for likes and comments, one for the people in them. */
  async #views(meId: string, rows: MomentRow[], people: readonly string[]): Promise<Moment[]> {
    const interactions = await this.#repo.interactions(
      rows.map((r) => r.id),
      people,
    );
    const users = await this.#users([
      ...rows.map((r) => r.author_id),
      ...interactions.flatMap((i) => (i.reply_to_id ? [i.user_id, i.reply_to_id] : [i.user_id])),
    ]);
    const byMoment = new Map<string, InteractionRow[]>();
    for (const i of interactions) {
      const list = byMoment.get(i.moment_id);
      if (list) list.push(i);
      else byMoment.set(i.moment_id, [i]);
    }
    return rows.flatMap((r) => {
      const author = users.get(r.author_id);
      return author ? [this.#view(meId, r, author, byMoment.get(r.id) ?? [], users)] : [];
    });
  }

  #view(
    meId: string,
    r: MomentRow,
    author: User,
    interactions: InteractionRow[],
    users: Map<string, User>,
  ): Moment {
    const likes: User[] = [];
    const comments: MomentComment[] = [];
    for (const i of interactions) {
      const who = users.get(i.user_id);
      if (!who) continue;
      if (i.kind === "like") likes.push(who);
      else
        comments.push({
          id: i.id as string,
          author: who,
          text: i.text ?? "",
          replyTo: i.reply_to_id ? (users.get(i.reply_to_id) ?? null) : null,
          createdAt: i.created_at.toISOString(),
        });
    }
    return {
      id: r.id,
      author,
      text: r.text,
      media: r.media.map(mediaView),
      createdAt: r.created_at.toISOString(),
      likes,
      comments,
      likedByMe: likes.some((u) => u.id === meId),
      visibility: r.author_id === meId ? visibilityView(r) : null,
    };
  }

  async #notify(
    repo: MomentsRepo,
    emit: Emit,
    moment: MomentRow,
    actor: User,
    recipients: string[],
    comment: MomentNotification["comment"],
  ) {
    const createdAt = new Date();
    const rows = recipients.map((recipient) => ({
      id: newId(),
      recipient_id: recipient,
      kind: comment ? ("comment" as const) : ("like" as const),
      moment_id: moment.id,
      actor_id: actor.id,
      comment_id: comment?.id ?? null,
      created_at: createdAt,
    }));
    await repo.insertNotifications(rows);
    const first = moment.media[0];
    for (const row of rows) {
      await emit([row.recipient_id], "moment.notification", {
        notification: {
          id: row.id,
          kind: row.kind,
          momentId: moment.id,
          actor,
          comment,
          thumbUrl: first ? thumbUrl(first.id) : null,
          momentText: first ? null : snippet(moment.text),
          createdAt: createdAt.toISOString(),
          read: false,
        },
      });
    }
  }

  #notificationView(r: NotificationRow, actor: User, users: Map<string, User>): MomentNotification {
    return {
      id: r.id,
      kind: r.kind,
      momentId: r.moment_id,
      actor,
      comment:
        r.comment_id && r.comment_text !== null
          ? {
              id: r.comment_id,
              text: r.comment_text,
              replyTo: r.reply_to_id ? (users.get(r.reply_to_id) ?? null) : null,
            }
          : null,
      thumbUrl: r.first_media_id ? thumbUrl(r.first_media_id) : null,
      momentText: r.first_media_id ? null : snippet(r.moment_text),
      createdAt: r.created_at.toISOString(),
      read: r.read,
    };
  }

  async #users(ids: readonly string[]): Promise<Map<string, User>> {
    return new Map((await this.identity.getUsers([...new Set(ids)])).map((u) => [u.id, u]));
  }
}
