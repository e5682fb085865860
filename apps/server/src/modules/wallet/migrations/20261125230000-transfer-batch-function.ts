import { type Kysely, sql } from "kysely";

/**
 * The group-commit write of plain transfers (see WalletRepo.transferBatch and the wallet
 * service's TransferBatcher): one call, one round trip, one commit for a whole batch. PL/pgSQL
 * keeps its statements' plans per session.
 *
 * Up front: wallet accounts for the batch's users that have none yet (only ids that are users),
 * then every account of the batch locked in id order, then every user's event head locked in id
 * order (accounts before heads, like every money mutation: concurrent batches and the
 * one-at-a-time path never wait on each other in a cycle).
 *
 * Then, for each item in input order (a later item sees the earlier ones' effects):
 *   1. Idempotency-Key already stored: same scope and fingerprint → `replay` with the stored
 *      result (nothing moves); otherwise `idempotency_conflict`.
 *   2. The payer's PIN row must still have the hash Node verified the PIN against and no lock
 *      (else `pin`: the caller takes the one-at-a-time path, which counts and answers); a right
 *      PIN resets the count of wrong ones.
 *   3. The payee must be a user's wallet and not blocked either way, else `user_not_found`.
 *   4. The balance must cover the amount, else `insufficient_funds` (the others go on).
 *   5. Debit, credit, the balanced entry and its two postings with balance_after, the transfer
 *      row, the key with its result, and one `wallet.updated` per wallet (payer and payee in id
 *      order) in the users' durable inboxes.
 * The CHECK constraints (non-negative wallets, positive amounts) still guard every row.
 *
 * Input: a JSON array of { n, tid, eid, fu, tu, amount, note, key, hash, pin, at, response }.
 * Output: { at, items: [n, outcome, detail][] } with outcome ok (detail: [userId, eventSeq,
 * balance][] of the two events), replay (detail: the stored result), idempotency_conflict, pin,
 * user_not_found or insufficient_funds.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create function agora_transfer_batch(batch jsonb, cur text) returns json
    language plpgsql as $fn$
    declare
      it record;
      k record;
      p record;
      r record;
      payee_kind text;
      bal_from bigint;
      bal_to bigint;
      seq bigint;
      evs jsonb;
      out jsonb := '[]'::jsonb;
      ids uuid[];
      ts timestamptz;
    begin
      select array_agg(distinct id order by id) into ids from (
        select (e->>'fu')::uuid as id from jsonb_array_elements(batch) e
        union all select (e->>'tu')::uuid from jsonb_array_elements(batch) e
      ) x;
      insert into ledger_accounts (id, kind, user_id, currency)
        select u.id, 'user', u.id, cur from users u
        where u.id = any(ids) and not exists (select 1 from ledger_accounts a where a.id = u.id)
        order by u.id
        on conflict do nothing;
      perform 1 from ledger_accounts where id = any(ids) order by id for update;
      insert into user_event_heads (user_id, last_event_seq)
        select a.id, 0 from ledger_accounts a where a.id = any(ids) and a.kind = 'user' order by a.id
        on conflict (user_id) do update set last_event_seq = user_event_heads.last_event_seq;

      for it in
        select * from jsonb_to_recordset(batch) as x(
          n int, tid uuid, eid uuid, fu uuid, tu uuid, amount bigint, note text, key text, hash text,
          pin text, at timestamptz, response jsonb)
        order by n
      loop
        if it.key is not null then
          select scope, request_hash, response into k
            from wallet_idempotency_keys where user_id = it.fu and key = it.key;
          if found then
            if k.scope = 'transfer' and k.request_hash = it.hash then
              out := out || jsonb_build_array(jsonb_build_array(it.n, 'replay', k.response));
            else
              out := out || jsonb_build_array(jsonb_build_array(it.n, 'idempotency_conflict', null));
            end if;
            continue;
          end if;
        end if;

        select pin_hash, failed_attempts, locked_until into p from wallet_pins where user_id = it.fu;
        if not found or p.pin_hash <> it.pin or coalesce(p.locked_until > clock_timestamp(), false) then
          out := out || jsonb_build_array(jsonb_build_array(it.n, 'pin', null));
          continue;
        end if;
        if p.failed_attempts > 0 then
          update wallet_pins set failed_attempts = 0 where user_id = it.fu and failed_attempts > 0;
        end if;

        select kind into payee_kind from ledger_accounts where id = it.tu;
        if payee_kind is distinct from 'user' or agora_relationship(it.fu, it.tu) = 'blocked' then
          out := out || jsonb_build_array(jsonb_build_array(it.n, 'user_not_found', null));
          continue;
        end if;

        select balance into bal_from from ledger_accounts where id = it.fu;
        if bal_from is null or bal_from < it.amount then
          out := out || jsonb_build_array(jsonb_build_array(it.n, 'insufficient_funds', null));
          continue;
        end if;

        -- Each item its own time, so a wallet's history (newest first) keeps the input order.
        ts := clock_timestamp();
        update ledger_accounts set balance = balance - it.amount where id = it.fu returning balance into bal_from;
        update ledger_accounts set balance = balance + it.amount where id = it.tu returning balance into bal_to;
        insert into ledger_entries (id, kind, ref_id, conversation_id, note, created_by, idempotency_key, created_at)
          values (it.eid, 'transfer', it.tid, null, it.note, it.fu, it.key, ts);
        insert into ledger_postings (entry_id, account_id, amount, balance_after, counterparty_user_id, created_at)
          values (it.eid, it.fu, -it.amount, bal_from, it.tu, ts), (it.eid, it.tu, it.amount, bal_to, it.fu, ts);
        insert into wallet_transfers
          (id, from_user_id, to_user_id, amount, currency, note, conversation_id, message_id, entry_id, created_at)
          values (it.tid, it.fu, it.tu, it.amount, cur, it.note, null, null, it.eid, it.at);
        if it.key is not null then
          insert into wallet_idempotency_keys (user_id, key, scope, request_hash, status, response)
            values (it.fu, it.key, 'transfer', it.hash, 200, it.response);
        end if;

        evs := '[]'::jsonb;
        for r in
          select * from (values (it.fu, bal_from), (it.tu, bal_to)) v(u, b) order by u
        loop
          update user_event_heads set last_event_seq = last_event_seq + 1 where user_id = r.u
            returning last_event_seq into seq;
          insert into user_events (user_id, event_seq, type, payload)
            values (r.u, seq, 'wallet.updated',
                    jsonb_build_object('balance', jsonb_build_object('amount', r.b, 'currency', cur)));
          evs := evs || jsonb_build_array(jsonb_build_array(r.u, seq, r.b));
        end loop;
        out := out || jsonb_build_array(jsonb_build_array(it.n, 'ok', evs));
      end loop;
      return json_build_object('at', now(), 'items', out);
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop function if exists agora_transfer_batch(jsonb, text)`.execute(db);
}
