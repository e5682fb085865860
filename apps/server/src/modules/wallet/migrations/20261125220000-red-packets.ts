import { type Kysely, sql } from "kysely";

/**
 * Red packets: the total sits in the packet's own escrow account (a ledger account whose id is
 * the packet's) from sending until claimed or refunded; the shares are drawn at sending.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table red_packets (
      id uuid primary key,
      sender_id uuid not null references users (id),
      conversation_id uuid not null references conversations (id),
      -- In a direct chat, the only one who may claim.
      recipient_id uuid references users (id),
      message_id uuid,
      mode text not null check (mode in ('random', 'equal')),
      currency text not null,
      total bigint not null check (total > 0),
      count int not null check (count between 1 and 100 and count <= total),
      greeting text,
      claimed_count int not null default 0,
      claimed_amount bigint not null default 0,
      status text not null default 'open' check (status in ('open', 'finished', 'refunded')),
      refunded_amount bigint,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check (claimed_count between 0 and count and claimed_amount between 0 and total)
    )`.execute(db);
  // The refund sweeper's queue: open packets by expiry.
  await sql`create index red_packets_open_expiry on red_packets (expires_at) where status = 'open'`.execute(
    db,
  );

  await sql`
    create table red_packet_shares (
      red_packet_id uuid not null references red_packets (id),
      seq int not null,
      amount bigint not null check (amount > 0),
      claimed_by uuid references users (id),
      claimed_at timestamptz,
      primary key (red_packet_id, seq),
      -- One share per person and packet, whatever the races.
      unique (red_packet_id, claimed_by)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table red_packet_shares`.execute(db);
  await sql`drop table red_packets`.execute(db);
}
