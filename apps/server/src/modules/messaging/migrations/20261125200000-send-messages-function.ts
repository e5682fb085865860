import { type Kysely, sql } from "kysely";

/**
 * The group-commit write of messages (see MessagingRepo.sendBatch) as a function: PL/pgSQL keeps
 * the plan of its statements per session, so a batch costs no planning (on embedded PGlite,
 * planning this statement cost more than running it) and one round trip.
 *
 * It checks each send itself — membership, a repeated clientId, and for a direct chat the
 * contacts module's `agora_relationship` — so a send needs no separate check queries.
 *
 * Input: a JSON array of { n, id, conv, sender, cid, kind, text, media, payload, at, template }.
 * Output: { seqs: [n, seq][], events: [userId, eventSeq, messageId][], rejected: [n, reason][] }
 * with reason one of not_member, duplicate, blocked, strangers.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create function agora_send_messages(batch jsonb) returns json
    language plpgsql as $fn$
    declare
      result json;
    begin
      -- Conversations locked in id order: concurrent batches never wait on each other in a cycle.
      perform 1 from conversations
        where id in (select (e->>'conv')::uuid from jsonb_array_elements(batch) e)
        order by id for update;
      with input as (
        select * from jsonb_to_recordset(batch) as x(
          n int, id uuid, conv uuid, sender uuid, cid text, kind text, text text, media uuid,
          payload jsonb, at timestamptz, template jsonb)
      ),
      checked as (
        select i.*,
          case
            when not exists (
              select 1 from conversation_members cm where cm.conversation_id = i.conv and cm.user_id = i.sender
            ) then 'not_member'
            when exists (select 1 from messages m where m.sender_id = i.sender and m.client_id = i.cid) then 'duplicate'
            else coalesce((
              select agora_relationship(i.sender, o.user_id)
              from conversations c
              join conversation_members o on o.conversation_id = c.id and o.user_id <> i.sender
              where c.id = i.conv and c.type = 'direct'
              limit 1
            ), 'ok')
          end as status
        from input i
      ),
      valid as (select * from checked where status in ('ok', 'contacts')),
      counts as (select conv, count(*) as k, max(at) as at from valid group by conv),
      bump as (
        update conversations c set last_seq = c.last_seq + counts.k, last_activity_at = counts.at
        from counts where c.id = counts.conv
        returning c.id, c.last_seq
      ),
      numbered as (
        select v.*, b.last_seq - (count(*) over w) + (row_number() over (w order by v.n)) as seq
        from valid v join bump b on b.id = v.conv
        window w as (partition by v.conv)
      ),
      msg as (
        insert into messages (id, conversation_id, seq, sender_id, client_id, kind, text, media_id, payload, created_at)
        select id, conv, seq, sender, cid, kind, text, media, payload, at from numbered
        returning id
      ),
      mark as (
        update conversation_members cm set last_read_seq = x.seq
        from (select conv, sender, max(seq) as seq from numbered group by conv, sender) x
        where cm.conversation_id = x.conv and cm.user_id = x.sender and cm.last_read_seq < x.seq
      ),
      fan as (
        select cm.user_id, nb.n, nb.seq, nb.template, nb.at,
          row_number() over (partition by cm.user_id order by nb.n) as k,
          count(*) over (partition by cm.user_id) as c
        from numbered nb join conversation_members cm on cm.conversation_id = nb.conv
      ),
      heads as (
        insert into user_event_heads (user_id, last_event_seq)
        select user_id, max(c) from fan group by user_id order by user_id
        on conflict (user_id) do update set last_event_seq = user_event_heads.last_event_seq + excluded.last_event_seq
        returning user_id, last_event_seq
      ),
      ev as (
        insert into user_events (user_id, event_seq, type, payload, created_at)
        select f.user_id, h.last_event_seq - f.c + f.k, 'message.new',
          jsonb_set(f.template, '{message,seq}', to_jsonb(f.seq)), f.at
        from fan f join heads h on h.user_id = f.user_id
        returning user_id, event_seq, payload->'message'->>'id' as message_id
      )
      select json_build_object(
        'seqs', (select coalesce(json_agg(json_build_array(n, seq)), '[]'::json) from numbered),
        'events', (select coalesce(json_agg(json_build_array(user_id, event_seq, message_id)), '[]'::json) from ev),
        'rejected', (
          select coalesce(json_agg(json_build_array(n, status)), '[]'::json)
          from checked where status not in ('ok', 'contacts')
        )
      ) into result;
      return result;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_send_messages(jsonb)`.execute(db);
}
