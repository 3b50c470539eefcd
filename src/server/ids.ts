import { randomBytes } from 'node:crypto';

/**
 * Time-ordered UUID v7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Sorts by creation
 * time, so index inserts stay local, and two county databases can later be merged without clashes.
 * Within one millisecond a counter keeps ids from one process increasing.
 */
let lastMs = 0;
let seq = 0;

/** Random bytes drawn 4 KB at a time: one call into the system's generator per 400 ids, not two per id. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random(n: number): Buffer {
  if (poolAt + n > pool.length) {
    randomBytes(pool.length).copy(pool);
    poolAt = 0;
  }
  poolAt += n;
  return pool.subarray(poolAt - n, poolAt);
}

export function uuidv7(now: number = Date.now()): string {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = random(2).readUInt16BE(0) & 0x7ff;
  }
  return formatV7(now, seq, random(8));
}

/** A v7 id from given parts, for deterministic data such as the demo county. */
export function formatV7(ms: number, seq12: number, rand8: Uint8Array): string {
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((seq12 >> 8) & 0x0f);
  b[7] = seq12 & 0xff;
  b.set(rand8.subarray(0, 8), 8);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
