import { randomFillSync } from "node:crypto";

/** Random bytes drawn 4 KiB at a time: one call into OpenSSL per 256 ids instead of one per id. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/**
 * A UUIDv7: time-ordered, so ids sort by creation and b-tree inserts stay local, while the
 * 74 random bits keep them unguessable enough for ids (never for secrets; see tokens.ts).
 */
export function newId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  // 48-bit milliseconds, big-endian: the high 16 bits, then the low 32.
  const ms = Date.now();
  bytes.writeUInt16BE(Math.floor(ms / 2 ** 32), 0);
  bytes.writeUInt32BE(ms % 2 ** 32, 2);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to clients, but a string that can't be one of ours can't name anything. */
export function isId(value: string): boolean {
  return UUID.test(value);
}
