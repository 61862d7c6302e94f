import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes come from a pool filled 4 KiB at a time: one call into the system's generator per 256 ids
// instead of two per id (every row written gets an id).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function random(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += size;
  return Buffer.from(pool.subarray(poolOffset - size, poolOffset));
}

/**
 * A UUIDv7 (RFC 9562) whose 12-bit rand_a field is a counter: ids made by this process sort in creation
 * order even within one millisecond, so "oldest first" (createdAt, then id) keeps insertion order on ties.
 */
export function newId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // Start low and random, leaving room for many ids in the same millisecond.
    counter = random(2).readUInt16BE() & 0x1ff;
  } else {
    counter += 1;
    if (counter > 0xfff) {
      // Borrow the next millisecond rather than wrap around and break the order.
      lastMs += 1;
      counter = 0;
    }
  }
  const bytes = random(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
