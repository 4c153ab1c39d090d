// Opaque ids in the SDK's `<prefix>_<hex>` style, with 64 random bits.
export type IdPrefix = 'turn' | 'thr' | 'msg' | 'tc' | 'atc' | 'shcx' | 'call' | 'wf' | 'ig';

export function newId(prefix: IdPrefix): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${prefix}_${hex}`;
}

/** UTC ISO-8601 with `Z` (the client accepts this and the SDK's naive form). */
export const timestamp = (date = new Date()) => date.toISOString();
