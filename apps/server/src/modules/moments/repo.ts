import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db.ts";
import type { MomentsTables, VisibilityMode } from "./schema.ts";

/** A moment as a page query returns it: photos and (for the author) the audience folded in. */
export interface MomentRow {
  id: string;
  author_id: string;
  text: string | null;
  visibility: VisibilityMode;
  created_at: Date;
  media: { id: string; width: number | null; height: number | null }[];
  /** The `only`/`except` list, for the author's own moments; null otherwise. */
  audience: string[] | null;
}

export interface InteractionRow {
  kind: "like" | "comment";
  moment_id: string;
  /** The comment's id; null for a like. */
  id: string | null;
  user_id: string;
  reply_to_id: string | null;
  text: string | null;
  created_at: Date;
}

export interface NotificationRow {
  id: string;
  kind: "like" | "comment";
  moment_id: string;
  actor_id: string;
  comment_id: string | null;
  comment_text: string | null;
  reply_to_id: string | null;
  first_media_id: string | null;
  moment_text: string | null;
  read: boolean;
  created_at: Date;
}

const uuids = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;

/** The photos and the author-only audience of the moments in `p` (a relation named p). */
function details(viewerId: string): RawBuilder<unknown> {
  return sql`
    coalesce((
      select json_agg(json_build_object('id', mm.media_id, 'width', mm.width, 'height', mm.height)
                      order by mm.position)
      from moment_media mm where mm.moment_id = p.id), '[]'::json) as media,
    case when p.author_id = ${viewerId}::uuid and p.visibility in ('only', 'except') then (
      select json_agg(x.user_id order by x.user_id) from moment_audience x where x.moment_id = p.id)
    end as audience`;
}

/** The only file that queries the moments tables. */
export class MomentsRepo {
  readonly #db;

  constructor(db: Executor) {
    this.#db = db.withTables<MomentsTables>();
  }

  async insertMoment(
    moment: {
      id: string;
      author_id: string;
      text: string | null;
      visibility: VisibilityMode;
      created_at: Date;
    },
    media: { media_id: string; width: number | null; height: number | null }[],
    audience: readonly string[],
  ) {
    await this.#db.insertInto("moments").values(moment).execute();
    if (media.length > 0) {
      await this.#db
        .insertInto("moment_media")
        .values(media.map((m, position) => ({ moment_id: moment.id, position, ...m })))
        .execute();
    }
    if (audience.length > 0) {
      await this.#db
        .insertInto("moment_audience")
        .values(audience.map((user_id) => ({ moment_id: moment.id, user_id })))
        .execute();
    }
  }

  /**
   * A page of moments by `authorIds` visible to `viewerId`, newest first: per author one index
   * range (visibility, visible range and hides applied inside it), merged and cut to `limit`.
   * `feed` also leaves out authors the viewer hid from their feed.
   */
  async page(
    viewerId: string,
    authorIds: readonly string[],
    opts: { feed: boolean; after: [Date, string] | null; limit: number },
  ): Promise<MomentRow[]> {
    if (authorIds.length === 0) return [];
    const me = sql`${viewerId}::uuid`;
    const after = opts.after
      ? sql`and (m.created_at, m.id) < (${opts.after[0]}::timestamptz, ${opts.after[1]}::uuid)`
      : sql``;
    const hiddenFromFeed = opts.feed
      ? sql`and not exists (
          select 1 from moment_permissions p
          where p.owner_id = ${me} and p.other_id = a.id and p.hide_theirs)`
      : sql``;
    const { rows } = await sql<MomentRow>`
      with authors as (
        select a.id,
          case when a.id = ${me} then '-infinity'::timestamptz
            when s.visible_range = '3d' then now() - interval '3 days'
            when s.visible_range = '6m' then now() - interval '6 months'
            else '-infinity'::timestamptz end as since
        from unnest(${uuids(authorIds)}) as a(id)
        left join moment_settings s on s.user_id = a.id
        where a.id = ${me} or (
          not exists (
            select 1 from moment_permissions p
            where p.owner_id = a.id and p.other_id = ${me} and p.hide_mine)
          ${hiddenFromFeed})
      ),
      p as (
        select m.* from authors a cross join lateral (
          select m.id, m.author_id, m.visibility, m.created_at from moments m
          where m.author_id = a.id and m.created_at >= a.since ${after}
            and (m.author_id = ${me} or m.visibility = 'contacts'
              or (m.visibility = 'only' and exists (
                select 1 from moment_audience x where x.moment_id = m.id and x.user_id = ${me}))
              or (m.visibility = 'except' and not exists (
                select 1 from moment_audience x where x.moment_id = m.id and x.user_id = ${me})))
          order by m.created_at desc, m.id desc
          limit ${opts.limit}
        ) m
        order by m.created_at desc, m.id desc
        limit ${opts.limit}
      )
      select p.id, p.author_id, t.text, p.visibility, p.created_at, ${details(viewerId)}
      from p join moments t on t.id = p.id
      order by p.created_at desc, p.id desc`.execute(this.#db);
    return rows;
  }

  /** One moment, if `viewerId` may see it. */
  async visibleById(viewerId: string, momentId: string): Promise<MomentRow | undefined> {
    const { rows } = await sql<MomentRow>`
      select p.id, p.author_id, p.text, p.visibility, p.created_at, ${details(viewerId)}
      from moments p
      where p.id = ${momentId}::uuid and agora_moment_visible(p.id, ${viewerId}::uuid)`.execute(this.#db);
    return rows[0];
  }

  async isVisible(viewerId: string, momentId: string): Promise<boolean> {
    const { rows } = await sql<{ visible: boolean }>`
      select agora_moment_visible(${momentId}::uuid, ${viewerId}::uuid) as visible`.execute(this.#db);
    return rows[0]?.visible === true;
  }

  /** Whether some moment that shows this photo is visible to `viewerId`. */
  async mediaVisible(viewerId: string, mediaId: string): Promise<boolean> {
    const { rows } = await sql<{ visible: boolean }>`
      select exists (
        select 1 from moment_media mm
        where mm.media_id = ${mediaId}::uuid and agora_moment_visible(mm.moment_id, ${viewerId}::uuid)
      ) as visible`.execute(this.#db);
    return rows[0]?.visible === true;
  }

  /**
   * Likes and comments of these moments by people in `peopleIds` (the viewer and their
   * contacts), oldest first; a reply to someone outside `peopleIds` is left out too.
   */
  async interactions(momentIds: readonly string[], peopleIds: readonly string[]): Promise<InteractionRow[]> {
    if (momentIds.length === 0) return [];
    const people = uuids(peopleIds);
    const { rows } = await sql<InteractionRow>`
      select 'like' as kind, l.moment_id, null::uuid as id, l.user_id, null::uuid as reply_to_id,
             null::text as text, l.created_at
      from moment_likes l
      where l.moment_id = any(${uuids(momentIds)}) and l.user_id = any(${people})
      union all
      select 'comment', c.moment_id, c.id, c.author_id, c.reply_to_id, c.text, c.created_at
      from moment_comments c
      where c.moment_id = any(${uuids(momentIds)}) and c.author_id = any(${people})
        and (c.reply_to_id is null or c.reply_to_id = any(${people}))
      order by created_at, id`.execute(this.#db);
    return rows;
  }

  /** Whether `userId` liked or commented on the moment (someone one can reply to). */
  async tookPart(momentId: string, userId: string): Promise<boolean> {
    const { rows } = await sql<{ yes: boolean }>`
      select exists (select 1 from moment_likes where moment_id = ${momentId}::uuid and user_id = ${userId}::uuid)
          or exists (select 1 from moment_comments where moment_id = ${momentId}::uuid and author_id = ${userId}::uuid)
          as yes`.execute(this.#db);
    return rows[0]?.yes === true;
  }

  /** False when it was liked already. */
  async like(momentId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .insertInto("moment_likes")
      .values({ moment_id: momentId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .returning("moment_id")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Takes a like back, and the notification it caused. */
  async unlike(momentId: string, userId: string) {
    await this.#db
      .deleteFrom("moment_likes")
      .where("moment_id", "=", momentId)
      .where("user_id", "=", userId)
      .execute();
    await this.#db
      .deleteFrom("moment_notifications")
      .where("moment_id", "=", momentId)
      .where("actor_id", "=", userId)
      .where("kind", "=", "like")
      .execute();
  }

  insertComment(row: {
    id: string;
    moment_id: string;
    author_id: string;
    reply_to_id: string | null;
    text: string;
  }) {
    return this.#db.insertInto("moment_comments").values(row).returningAll().executeTakeFirstOrThrow();
  }

  commentById(momentId: string, commentId: string) {
    return this.#db
      .selectFrom("moment_comments")
      .selectAll()
      .where("id", "=", commentId)
      .where("moment_id", "=", momentId)
      .executeTakeFirst();
  }

  async deleteComment(commentId: string) {
    await this.#db.deleteFrom("moment_comments").where("id", "=", commentId).execute();
  }

  async deleteMoment(momentId: string, authorId: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom("moments")
      .where("id", "=", momentId)
      .where("author_id", "=", authorId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async insertNotifications(
    rows: {
      id: string;
      recipient_id: string;
      kind: "like" | "comment";
      moment_id: string;
      actor_id: string;
      comment_id: string | null;
      created_at: Date;
    }[],
  ) {
    if (rows.length > 0) await this.#db.insertInto("moment_notifications").values(rows).execute();
  }

  /**
   * My notifications, newest first, leaving out those whose actor (or replied person) is no
   * longer my contact and those about a moment I can no longer see.
   */
  async notifications(
    recipientId: string,
    peopleIds: readonly string[],
    beforeId: string | null,
    limit: number,
  ): Promise<NotificationRow[]> {
    const people = uuids(peopleIds);
    const { rows } = await sql<NotificationRow>`
      select n.id, n.kind, n.moment_id, n.actor_id, n.comment_id, n.read, n.created_at,
        c.text as comment_text, c.reply_to_id,
        (select mm.media_id from moment_media mm where mm.moment_id = n.moment_id
         order by mm.position limit 1) as first_media_id,
        m.text as moment_text
      from moment_notifications n
      join moments m on m.id = n.moment_id
      left join moment_comments c on c.id = n.comment_id
      where n.recipient_id = ${recipientId}::uuid
        ${beforeId ? sql`and n.id < ${beforeId}::uuid` : sql``}
        and n.actor_id = any(${people})
        and (c.reply_to_id is null or c.reply_to_id = any(${people}))
        and agora_moment_visible(n.moment_id, ${recipientId}::uuid)
      order by n.id desc
      limit ${limit}`.execute(this.#db);
    return rows;
  }

  async unreadCount(recipientId: string, peopleIds: readonly string[]): Promise<number> {
    const people = uuids(peopleIds);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n
      from moment_notifications n
      left join moment_comments c on c.id = n.comment_id
      where n.recipient_id = ${recipientId}::uuid and not n.read
        and n.actor_id = any(${people})
        and (c.reply_to_id is null or c.reply_to_id = any(${people}))
        and agora_moment_visible(n.moment_id, ${recipientId}::uuid)`.execute(this.#db);
    return Number(rows[0]?.n ?? 0);
  }

  async markRead(recipientId: string, upToId: string | null) {
    let q = this.#db
      .updateTable("moment_notifications")
      .set({ read: true })
      .where("recipient_id", "=", recipientId)
      .where("read", "=", false);
    if (upToId) q = q.where("id", "<=", upToId);
    await q.execute();
  }

  permissions(ownerId: string, otherId: string) {
    return this.#db
      .selectFrom("moment_permissions")
      .select(["hide_mine", "hide_theirs"])
      .where("owner_id", "=", ownerId)
      .where("other_id", "=", otherId)
      .executeTakeFirst();
  }

  async setPermissions(ownerId: string, otherId: string, hideMine: boolean, hideTheirs: boolean) {
    await this.#db
      .insertInto("moment_permissions")
      .values({ owner_id: ownerId, other_id: otherId, hide_mine: hideMine, hide_theirs: hideTheirs })
      .onConflict((oc) =>
        oc.columns(["owner_id", "other_id"]).doUpdateSet({ hide_mine: hideMine, hide_theirs: hideTheirs }),
      )
      .execute();
  }

  async visibleRange(userId: string): Promise<"3d" | "6m" | "all"> {
    const row = await this.#db
      .selectFrom("moment_settings")
      .select("visible_range")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row?.visible_range ?? "all";
  }

  async setVisibleRange(userId: string, range: "3d" | "6m" | "all") {
    await this.#db
      .insertInto("moment_settings")
      .values({ user_id: userId, visible_range: range })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ visible_range: range }))
      .execute();
  }
}
