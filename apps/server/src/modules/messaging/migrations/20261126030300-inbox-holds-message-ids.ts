import { type Kysely, sql } from "kysely";
import { up as batchBefore } from "./20261126010000-send-messages-set-based.ts";
import { up as oneBefore } from "./20261126020000-send-one-message.ts";

/**
 * Both send functions, same contract and checks, with each member's `message.new` inbox row
 * holding the message's id (`ref_id`, events migration 20261126030200) instead of a copy of the
 * message: replay renders it from `messages` (MessagingService registers the resolver). An
 * item no longer carries the message's JSON (`template`). A batch of 50 direct messages spent
 * about a fifth of its database time parsing, patching and storing those copies (one per member:
 * ten for a message to a group of ten).
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create or replace function agora_send_messages(batch jsonb) returns json
    language plpgsql
    -- The arrays are parameters: custom plans would be made in every call.
    set plan_cache_mode = force_generic_plan
    as $fn$
    declare
      ns int[]; ids uuid[]; convs uuid[]; senders uuid[]; cids text[]; kinds text[]; texts text[];
      medias uuid[]; payloads jsonb[]; ats timestamptz[];
      c_ids uuid[]; c_seq bigint[];
      is_member boolean[]; is_duplicate boolean[]; relation text[];
      rejected jsonb[] := '{}';
      -- the valid messages
      v_n int[] := '{}'; v_id uuid[] := '{}'; v_conv uuid[] := '{}'; v_seq bigint[] := '{}';
      v_sender uuid[] := '{}'; v_cid text[] := '{}'; v_kind text[] := '{}'; v_text text[] := '{}';
      v_media uuid[] := '{}'; v_payload jsonb[] := '{}'; v_at timestamptz[] := '{}';
      i int; ci int; nv int := 0;
      events json;
    begin
      select array_agg(x.n order by x.n), array_agg(x.id order by x.n), array_agg(x.conv order by x.n),
             array_agg(x.sender order by x.n), array_agg(x.cid order by x.n), array_agg(x.kind order by x.n),
             array_agg(x.text order by x.n), array_agg(x.media order by x.n), array_agg(x.payload order by x.n),
             array_agg(x.at order by x.n)
        into ns, ids, convs, senders, cids, kinds, texts, medias, payloads, ats
        from jsonb_to_recordset(batch) as x(
          n int, id uuid, conv uuid, sender uuid, cid text, kind text, text text, media uuid,
          payload jsonb, at timestamptz);

      select array_agg(l.id order by l.id), array_agg(l.last_seq order by l.id)
        into c_ids, c_seq
        from (select id, last_seq from conversations where id = any(convs) order by id for update) l;

      select array_agg(exists (
               select 1 from conversation_members cm where cm.conversation_id = x.conv and cm.user_id = x.sender)
             order by x.o),
             array_agg(exists (select 1 from messages m where m.sender_id = x.sender and m.client_id = x.cid)
             order by x.o)
        into is_member, is_duplicate
        from unnest(convs, senders, cids) with ordinality x(conv, sender, cid, o);

      with pairs as (
        select distinct x.conv, x.sender from unnest(convs, senders) x(conv, sender)
      ),
      direct as (
        select p.conv, p.sender, agora_relationship(p.sender, o.user_id) as relation
        from pairs p
        join lateral (
          select m.user_id from conversations cv
          join conversation_members m on m.conversation_id = cv.id and m.user_id <> p.sender
          where cv.id = p.conv and cv.type = 'direct'
          limit 1
        ) o on true
      )
      select array_agg(coalesce(d.relation, 'ok') order by x.o) into relation
        from unnest(convs, senders) with ordinality x(conv, sender, o)
        left join direct d on d.conv = x.conv and d.sender = x.sender;

      for i in 1 .. coalesce(array_length(ns, 1), 0) loop
        if not is_member[i] then
          rejected := array_append(rejected, jsonb_build_array(ns[i], 'not_member'));
        elsif is_duplicate[i] then
          rejected := array_append(rejected, jsonb_build_array(ns[i], 'duplicate'));
        elsif relation[i] not in ('ok', 'contacts') then
          rejected := array_append(rejected, jsonb_build_array(ns[i], relation[i]));
        else
          ci := array_position(c_ids, convs[i]);
          c_seq[ci] := c_seq[ci] + 1;
          nv := nv + 1;
          v_n[nv] := ns[i]; v_id[nv] := ids[i]; v_conv[nv] := convs[i]; v_seq[nv] := c_seq[ci];
          v_sender[nv] := senders[i]; v_cid[nv] := cids[i]; v_kind[nv] := kinds[i]; v_text[nv] := texts[i];
          v_media[nv] := medias[i]; v_payload[nv] := payloads[i]; v_at[nv] := ats[i];
        end if;
      end loop;

      if nv > 0 then
        update conversations cv set last_seq = x.seq, last_activity_at = x.at
          from (select u.conv, max(u.seq) as seq, max(u.at) as at
                from unnest(v_conv, v_seq, v_at) u(conv, seq, at) group by u.conv) x
          where cv.id = x.conv;
        insert into messages (id, conversation_id, seq, sender_id, client_id, kind, text, media_id, payload, created_at)
          select * from unnest(v_id, v_conv, v_seq, v_sender, v_cid, v_kind, v_text, v_media, v_payload, v_at);
        update conversation_members cm set last_read_seq = x.seq
          from (select u.conv, u.sender, max(u.seq) as seq
                from unnest(v_conv, v_sender, v_seq) u(conv, sender, seq) group by u.conv, u.sender) x
          where cm.conversation_id = x.conv and cm.user_id = x.sender and cm.last_read_seq < x.seq;
        with fan as (
          select m.user_id, u.n, u.id, u.at,
            row_number() over (partition by m.user_id order by u.n) as k,
            count(*) over (partition by m.user_id) as c
          from unnest(v_n, v_id, v_conv, v_at) u(n, id, conv, at)
          join lateral (
            select cm.user_id from conversation_members cm where cm.conversation_id = u.conv
          ) m on true
        ),
        heads as (
          insert into user_event_heads (user_id, last_event_seq)
          select user_id, max(c) from fan group by user_id order by user_id
          on conflict (user_id) do update set last_event_seq = user_event_heads.last_event_seq + excluded.last_event_seq
          returning user_id, last_event_seq
        ),
        ev as (
          insert into user_events (user_id, event_seq, type, payload, ref_id, created_at)
          select f.user_id, h.last_event_seq - f.c + f.k, 'message.new', '{}'::jsonb, f.id, f.at
          from fan f join heads h on h.user_id = f.user_id
          returning user_id, event_seq, ref_id as message_id
        )
        select coalesce(json_agg(json_build_array(user_id, event_seq, message_id)), '[]'::json)
          into events from ev;
      end if;

      return json_build_object(
        'seqs', (select coalesce(json_agg(json_build_array(u.n, u.seq)), '[]'::json)
                 from unnest(v_n, v_seq) u(n, seq)),
        'events', coalesce(events, '[]'::json),
        'rejected', to_json(rejected));
    end
    $fn$`.execute(db);
  await sql`
    create or replace function agora_send_one(item jsonb) returns json
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $fn$
    declare
      v_n int := (item->>'n')::int;
      v_id uuid := (item->>'id')::uuid;
      v_conv uuid := (item->>'conv')::uuid;
      v_sender uuid := (item->>'sender')::uuid;
      v_cid text := item->>'cid';
      v_at timestamptz := (item->>'at')::timestamptz;
      c_type text; is_member boolean; is_duplicate boolean; other uuid; v_seq bigint; rel text;
      events json;
    begin
      -- The conversation locked, and every check's facts read with it.
      select cv.type,
             exists (select 1 from conversation_members m where m.conversation_id = cv.id and m.user_id = v_sender),
             exists (select 1 from messages x where x.sender_id = v_sender and x.client_id = v_cid),
             (select m.user_id from conversation_members m
              where cv.type = 'direct' and m.conversation_id = cv.id and m.user_id <> v_sender limit 1)
        into c_type, is_member, is_duplicate, other
        from conversations cv where cv.id = v_conv for update of cv;
      if not found or not is_member then
        return json_build_object('seqs', '[]'::json, 'events', '[]'::json,
                                 'rejected', json_build_array(json_build_array(v_n, 'not_member')));
      end if;
      if is_duplicate then
        return json_build_object('seqs', '[]'::json, 'events', '[]'::json,
                                 'rejected', json_build_array(json_build_array(v_n, 'duplicate')));
      end if;
      if other is not null then
        rel := agora_relationship(v_sender, other);
        if rel <> 'contacts' then
          return json_build_object('seqs', '[]'::json, 'events', '[]'::json,
                                   'rejected', json_build_array(json_build_array(v_n, rel)));
        end if;
      end if;
      with bump as (
        update conversations set last_seq = last_seq + 1, last_activity_at = v_at where id = v_conv
        returning last_seq
      ),
      mark as (
        update conversation_members set last_read_seq = (select last_seq from bump)
        where conversation_id = v_conv and user_id = v_sender
      )
      insert into messages (id, conversation_id, seq, sender_id, client_id, kind, text, media_id, payload, created_at)
        select v_id, v_conv, bump.last_seq, v_sender, v_cid, item->>'kind', item->>'text', (item->>'media')::uuid,
               nullif(item->'payload', 'null'::jsonb), v_at
        from bump
        returning seq into v_seq;
      with heads as (
        insert into user_event_heads (user_id, last_event_seq)
          select user_id, 1 from conversation_members where conversation_id = v_conv order by user_id
          on conflict (user_id) do update set last_event_seq = user_event_heads.last_event_seq + 1
          returning user_id, last_event_seq
      ),
      ev as (
        insert into user_events (user_id, event_seq, type, payload, ref_id, created_at)
          select h.user_id, h.last_event_seq, 'message.new', '{}'::jsonb, v_id, v_at
          from heads h
          returning user_id, event_seq
      )
      select json_agg(json_build_array(user_id, event_seq, v_id)) into events from ev;
      return json_build_object('seqs', json_build_array(json_build_array(v_n, v_seq)),
                               'events', coalesce(events, '[]'::json), 'rejected', '[]'::json);
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await batchBefore(db);
  await sql`drop function agora_send_one(jsonb)`.execute(db);
  await oneBefore(db);
}
