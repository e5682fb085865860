import { type Kysely, sql } from "kysely";

/**
 * Moments are read by fan-out on read (docs/moments.md): a feed page is one index range per
 * author, newest first, so `(author_id, created_at desc, id desc)` is the index that matters.
 * Times are stored to the millisecond so a keyset cursor (a JS Date) names a row exactly.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table moments (
      id uuid primary key,
      author_id uuid not null references users(id) on delete cascade,
      text text,
      visibility text not null check (visibility in ('contacts', 'private', 'only', 'except')),
      created_at timestamptz not null
    )`.execute(db);
  // Covering the visibility mode: a feed page reads each author's newest rows from the index
  // alone (an index-only scan), and fetches the text of the page's rows only.
  await sql`create index moments_author_time on moments (author_id, created_at desc, id desc) include (visibility)`.execute(
    db,
  );

  // The photos, in the author's order; width and height are copied (media never change).
  await sql`
    create table moment_media (
      moment_id uuid not null references moments(id) on delete cascade,
      position smallint not null,
      media_id uuid not null references media(id) on delete cascade,
      width integer,
      height integer,
      primary key (moment_id, position)
    )`.execute(db);
  await sql`create index moment_media_media on moment_media (media_id)`.execute(db);

  // Who is listed by an `only` or `except` moment.
  await sql`
    create table moment_audience (
      moment_id uuid not null references moments(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (moment_id, user_id)
    )`.execute(db);

  await sql`
    create table moment_likes (
      moment_id uuid not null references moments(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (moment_id, user_id)
    )`.execute(db);

  await sql`
    create table moment_comments (
      id uuid primary key,
      moment_id uuid not null references moments(id) on delete cascade,
      author_id uuid not null references users(id) on delete cascade,
      reply_to_id uuid references users(id) on delete cascade,
      text text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moment_comments_moment on moment_comments (moment_id, created_at, id)`.execute(db);

  await sql`
    create table moment_notifications (
      id uuid primary key,
      recipient_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('like', 'comment')),
      moment_id uuid not null references moments(id) on delete cascade,
      actor_id uuid not null references users(id) on delete cascade,
      comment_id uuid references moment_comments(id) on delete cascade,
      read boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moment_notifications_recipient on moment_notifications (recipient_id, id desc)`.execute(
    db,
  );
  await sql`create index moment_notifications_unread on moment_notifications (recipient_id) where not read`.execute(
    db,
  );
  await sql`create index moment_notifications_moment on moment_notifications (moment_id, actor_id)`.execute(
    db,
  );

  // One row per (owner, other) once either switch was set.
  await sql`
    create table moment_permissions (
      owner_id uuid not null references users(id) on delete cascade,
      other_id uuid not null references users(id) on delete cascade,
      hide_mine boolean not null default false,
      hide_theirs boolean not null default false,
      primary key (owner_id, other_id)
    )`.execute(db);

  await sql`
    create table moment_settings (
      user_id uuid primary key references users(id) on delete cascade,
      visible_range text not null check (visible_range in ('3d', '6m', 'all'))
    )`.execute(db);

  // Whether `viewer` may see moment `mid`: the one rule behind GET /moments/:id, likes,
  // comments, notifications and photos. The feed applies the same rule per author, in bulk.
  await sql`
    create function agora_moment_visible(mid uuid, viewer uuid) returns boolean
    language sql stable as $fn$
      select exists (
        select 1 from moments m
        where m.id = mid and (
          m.author_id = viewer or (
            m.visibility <> 'private'
            and agora_relationship(viewer, m.author_id) = 'contacts'
            and (m.visibility <> 'only' or exists (
              select 1 from moment_audience a where a.moment_id = m.id and a.user_id = viewer))
            and (m.visibility <> 'except' or not exists (
              select 1 from moment_audience a where a.moment_id = m.id and a.user_id = viewer))
            and not exists (
              select 1 from moment_permissions p
              where p.owner_id = m.author_id and p.other_id = viewer and p.hide_mine)
            and m.created_at >= coalesce((
              select case s.visible_range
                when '3d' then now() - interval '3 days'
                when '6m' then now() - interval '6 months'
              end
              from moment_settings s where s.user_id = m.author_id), '-infinity'::timestamptz)
          )
        )
      )
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_moment_visible(uuid, uuid)`.execute(db);
  for (const t of [
    "moment_settings",
    "moment_permissions",
    "moment_notifications",
    "moment_comments",
    "moment_likes",
    "moment_audience",
    "moment_media",
    "moments",
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
