// Opaque ids in the SDK's `<prefix>_<hex>` style, with 64 random bits.
export type IdPrefix = 'turn' | 'thr' | 'msg' | 'tc' | 'atc' | 'shcx' | 'call' | 'wf' | 'ig';

// Random bytes are drawn in batches: one getRandomValues call serves POOL_BYTES / 8 ids
// (a turn makes several ids, and 200 turns at once would otherwise make 1 000 calls).
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function newId(prefix: IdPrefix): string {
  if (offset + 8 > POOL_BYTES) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  let hex = `${prefix}_`;
  for (let end = offset + 8; offset < end; offset++) hex += HEX[pool[offset]!];
  return hex;
}

/** UTC ISO-8601 with `Z` (the client accepts this and the SDK's naive form). */
export const timestamp = (date = new Date()) => date.toISOString();
