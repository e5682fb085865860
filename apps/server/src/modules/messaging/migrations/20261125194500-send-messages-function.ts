import { type Kysely, sql } from "kysely";

/**
 * The group-commit write of messages as a function: PL/pgSQL keeps the plan of its statements
 * per session, so a batch costs no planning. On embedded PGlite planning this statement cost
 * more than running it; on PostgreSQL it saves a round trip too.
 *
 * Input: a JSON array of { n, id, conv, sender, cid, kind, text, media, payload, at, template }.
 * Output: { seqs: [n, seq][], events: [userId, eventSeq, messageId][] } for what was stored.
 * See MessagingRepo.sendBatch for the rules.
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
      valid as (
        select i.* from input i
        where exists (select 1 from conversation_members cm where cm.conversation_id = i.conv and cm.user_id = i.sender)
          and not exists (select 1 from messages m where m.sender_id = i.sender and m.client_id = i.cid)
      ),
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
        'events', (select coalesce(json_agg(json_build_array(user_id, event_seq, message_id)), '[]'::json) from ev)
      ) into result;
      return result;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_send_messages(jsonb)`.execute(db);
}
