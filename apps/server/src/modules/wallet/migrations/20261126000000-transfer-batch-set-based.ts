import { type Kysely, sql } from "kysely";
import { up as perItemVersion } from "./20261125230000-transfer-batch-function.ts";

/**
 * `agora_transfer_batch`, same contract (input, output, checks and their order: see the first
 * version), written set-wise: the first version ran about fifteen statements per transfer, and
 * each statement's executor start-up cost more than the rows it wrote (0.47 ms of database CPU
 * per transfer in `npm run bench`, where pgbench's whole transaction costs less). Now a batch is
 * a fixed number of statements whatever its size:
 *
 *   1. read the batch into arrays; create missing wallet accounts; lock the batch's accounts in
 *      id order and read their kinds and balances; lock (creating) their users' event heads;
 *   2. read, aligned with the items, their stored Idempotency-Keys, their payers' PIN rows and
 *      whether payer and payee block each other (one statement each);
 *   3. decide every item in input order in memory (keys written by earlier items of the batch,
 *      balances after earlier items, event sequence numbers), collecting the rows to write;
 *   4. write them: balances, entries, postings, transfers, keys, event heads, events.
 *
 * Locks are taken in the same order as before (accounts, then heads, each in id order), so
 * concurrent batches and the one-at-a-time path still never wait on each other in a cycle. The
 * CHECK constraints (non-negative wallets, positive amounts) still guard every row written.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create or replace function agora_transfer_batch(batch jsonb, cur text) returns json
    language plpgsql
    -- Custom plans would be planned again in every call (the arrays are parameters); the generic
    -- plans are the ones wanted whatever the batch's size.
    set plan_cache_mode = force_generic_plan
    as $fn$
    declare
      -- the batch, in input order
      ns int[]; tids uuid[]; eids uuid[]; fus uuid[]; tus uuid[]; amounts bigint[]; notes text[];
      keys text[]; hashes text[]; pins text[]; ats timestamptz[]; responses jsonb[];
      -- what the database holds, aligned with the items
      stored_scope text[]; stored_hash text[]; stored_response jsonb[];
      pin_hash text[]; pin_failed int[]; pin_locked timestamptz[];
      blocked boolean[];
      -- the batch's accounts (locked, in id order) and their users' event heads (likewise)
      ids uuid[]; acc_kind text[]; acc_bal bigint[];
      head_user uuid[]; head_seq bigint[];
      -- keys written by earlier items of this batch ("user key") and the item that wrote each
      batch_keys text[] := '{}'; batch_key_item int[] := '{}';
      -- rows to write, one per transfer written
      w_tid uuid[] := '{}'; w_eid uuid[] := '{}'; w_fu uuid[] := '{}'; w_tu uuid[] := '{}';
      w_amount bigint[] := '{}'; w_note text[] := '{}'; w_key text[] := '{}'; w_hash text[] := '{}';
      w_response jsonb[] := '{}'; w_ts timestamptz[] := '{}'; w_at timestamptz[] := '{}';
      w_bal_from bigint[] := '{}'; w_bal_to bigint[] := '{}';
      ev_user uuid[] := '{}'; ev_seq bigint[] := '{}'; ev_bal bigint[] := '{}';
      outs jsonb[] := '{}';
      i int; a int; b int; h int; prior int; w int := 0; e int := 0;
      u uuid; bal bigint; evs jsonb; ts timestamptz;
    begin
      select array_agg(x.n order by x.n), array_agg(x.tid order by x.n), array_agg(x.eid order by x.n),
             array_agg(x.fu order by x.n), array_agg(x.tu order by x.n), array_agg(x.amount order by x.n),
             array_agg(x.note order by x.n), array_agg(x.key order by x.n), array_agg(x.hash order by x.n),
             array_agg(x.pin order by x.n), array_agg(x.at order by x.n), array_agg(x.response order by x.n)
        into ns, tids, eids, fus, tus, amounts, notes, keys, hashes, pins, ats, responses
        from jsonb_to_recordset(batch) as x(
          n int, tid uuid, eid uuid, fu uuid, tu uuid, amount bigint, note text, key text, hash text,
          pin text, at timestamptz, response jsonb);

      select array_agg(distinct x order by x) into ids from unnest(fus || tus) x;
      insert into ledger_accounts (id, kind, user_id, currency)
        select u.id, 'user', u.id, cur from users u
        where u.id = any(ids) and not exists (select 1 from ledger_accounts a where a.id = u.id)
        order by u.id
        on conflict do nothing;
      -- From here on ids are the accounts that exist (a payee that is no user has none).
      select array_agg(l.id order by l.id), array_agg(l.kind order by l.id), array_agg(l.balance order by l.id)
        into ids, acc_kind, acc_bal
        from (select id, kind, balance from ledger_accounts where id = any(ids) order by id for update) l;
      -- Heads that don't exist yet are created; all are then locked and read. (An upsert that
      -- "updates" existing heads to lock them writes a row version each, and the update below
      -- would then fire their foreign-key check again.)
      insert into user_event_heads (user_id, last_event_seq)
        select x.id, 0 from unnest(ids, acc_kind) x(id, kind) where x.kind = 'user' order by x.id
        on conflict (user_id) do nothing;
      select array_agg(h.user_id order by h.user_id), array_agg(h.last_event_seq order by h.user_id)
        into head_user, head_seq
        from (select user_id, last_event_seq from user_event_heads
              where user_id = any(ids) order by user_id for update) h;

      select array_agg(k.scope order by x.o), array_agg(k.request_hash order by x.o),
             array_agg(k.response order by x.o)
        into stored_scope, stored_hash, stored_response
        from unnest(fus, keys) with ordinality x(fu, key, o)
        left join wallet_idempotency_keys k on k.user_id = x.fu and k.key = x.key;
      select array_agg(p.pin_hash order by x.o), array_agg(p.failed_attempts order by x.o),
             array_agg(p.locked_until order by x.o)
        into pin_hash, pin_failed, pin_locked
        from unnest(fus) with ordinality x(fu, o)
        left join wallet_pins p on p.user_id = x.fu;
      -- Blocked either way (agora_relationship's first answer, for the whole batch at once).
      select array_agg(exists (
               select 1 from blocks
               where (blocker_id = x.fu and blocked_id = x.tu) or (blocker_id = x.tu and blocked_id = x.fu))
             order by x.o)
        into blocked
        from unnest(fus, tus) with ordinality x(fu, tu, o);

      for i in 1 .. coalesce(array_length(ns, 1), 0) loop
        if keys[i] is not null then
          prior := batch_key_item[array_position(batch_keys, fus[i]::text || ' ' || keys[i])];
          if prior is not null then
            if hashes[prior] = hashes[i] then
              outs := array_append(outs, jsonb_build_array(ns[i], 'replay', responses[prior]));
            else
              outs := array_append(outs, jsonb_build_array(ns[i], 'idempotency_conflict', null));
            end if;
            continue;
          end if;
          if stored_scope[i] is not null then
            if stored_scope[i] = 'transfer' and stored_hash[i] = hashes[i] then
              outs := array_append(outs, jsonb_build_array(ns[i], 'replay', stored_response[i]));
            else
              outs := array_append(outs, jsonb_build_array(ns[i], 'idempotency_conflict', null));
            end if;
            continue;
          end if;
        end if;

        if pin_hash[i] is null or pin_hash[i] <> pins[i] or coalesce(pin_locked[i] > clock_timestamp(), false) then
          outs := array_append(outs, jsonb_build_array(ns[i], 'pin', null));
          continue;
        end if;
        if pin_failed[i] > 0 then
          -- A right PIN resets the count of wrong ones (rare: no need to batch it).
          update wallet_pins set failed_attempts = 0 where user_id = fus[i] and failed_attempts > 0;
        end if;

        a := array_position(ids, fus[i]);
        b := array_position(ids, tus[i]);
        if b is null or acc_kind[b] <> 'user' or blocked[i] then
          outs := array_append(outs, jsonb_build_array(ns[i], 'user_not_found', null));
          continue;
        end if;
        if a is null or acc_bal[a] < amounts[i] then
          outs := array_append(outs, jsonb_build_array(ns[i], 'insufficient_funds', null));
          continue;
        end if;

        -- Each item its own time, so a wallet's history (newest first) keeps the input order; in
        -- a tight loop two items can read the same microsecond, hence the strict step.
        ts := greatest(clock_timestamp(), ts + interval '1 microsecond');
        acc_bal[a] := acc_bal[a] - amounts[i];
        acc_bal[b] := acc_bal[b] + amounts[i];
        w := w + 1;
        w_tid[w] := tids[i]; w_eid[w] := eids[i]; w_fu[w] := fus[i]; w_tu[w] := tus[i];
        w_amount[w] := amounts[i]; w_note[w] := notes[i]; w_key[w] := keys[i]; w_hash[w] := hashes[i];
        w_response[w] := responses[i]; w_ts[w] := ts; w_at[w] := ats[i];
        w_bal_from[w] := acc_bal[a]; w_bal_to[w] := acc_bal[b];
        if keys[i] is not null then
          batch_keys := array_append(batch_keys, fus[i]::text || ' ' || keys[i]);
          batch_key_item := array_append(batch_key_item, i);
        end if;

        -- One wallet.updated per wallet, payer and payee in id order.
        evs := '[]'::jsonb;
        foreach u in array (case when fus[i] < tus[i] then array[fus[i], tus[i]] else array[tus[i], fus[i]] end)
        loop
          h := array_position(head_user, u);
          head_seq[h] := head_seq[h] + 1;
          bal := case when u = fus[i] then acc_bal[a] else acc_bal[b] end;
          e := e + 1;
          ev_user[e] := u; ev_seq[e] := head_seq[h]; ev_bal[e] := bal;
          evs := evs || jsonb_build_array(jsonb_build_array(u, head_seq[h], bal));
        end loop;
        outs := array_append(outs, jsonb_build_array(ns[i], 'ok', evs));
      end loop;

      if w > 0 then
        update ledger_accounts l set balance = x.balance
          from unnest(ids, acc_bal) x(id, balance)
          where l.id = x.id and l.balance <> x.balance;
        insert into ledger_entries (id, kind, ref_id, conversation_id, note, created_by, idempotency_key, created_at)
          select x.eid, 'transfer', x.tid, null, x.note, x.fu, x.key, x.ts
          from unnest(w_eid, w_tid, w_note, w_fu, w_key, w_ts) x(eid, tid, note, fu, key, ts);
        insert into ledger_postings (entry_id, account_id, amount, balance_after, counterparty_user_id, created_at)
          select x.eid, x.fu, -x.amount, x.bal_from, x.tu, x.ts
            from unnest(w_eid, w_fu, w_tu, w_amount, w_bal_from, w_ts) x(eid, fu, tu, amount, bal_from, ts)
          union all
          select x.eid, x.tu, x.amount, x.bal_to, x.fu, x.ts
            from unnest(w_eid, w_fu, w_tu, w_amount, w_bal_to, w_ts) x(eid, fu, tu, amount, bal_to, ts);
        insert into wallet_transfers
          (id, from_user_id, to_user_id, amount, currency, note, conversation_id, message_id, entry_id, created_at)
          select x.tid, x.fu, x.tu, x.amount, cur, x.note, null, null, x.eid, x.at
          from unnest(w_tid, w_fu, w_tu, w_amount, w_note, w_eid, w_at) x(tid, fu, tu, amount, note, eid, at);
        insert into wallet_idempotency_keys (user_id, key, scope, request_hash, status, response)
          select x.fu, x.key, 'transfer', x.hash, 200, x.response
          from unnest(w_fu, w_key, w_hash, w_response) x(fu, key, hash, response)
          where x.key is not null;
        update user_event_heads h set last_event_seq = x.seq
          from unnest(head_user, head_seq) x(user_id, seq)
          where h.user_id = x.user_id and h.last_event_seq <> x.seq;
        insert into user_events (user_id, event_seq, type, payload)
          select x.u, x.seq, 'wallet.updated',
                 jsonb_build_object('balance', jsonb_build_object('amount', x.bal, 'currency', cur))
          from unnest(ev_user, ev_seq, ev_bal) x(u, seq, bal);
      end if;
      return json_build_object('at', now(), 'items', to_json(outs));
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_transfer_batch(jsonb, text)`.execute(db);
  await perItemVersion(db);
}
