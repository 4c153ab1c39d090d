/**
 * Which session a tab acts for, as a short one-way digest of its session
 * token, so tabs can compare sessions on the BroadcastChannel without putting
 * the token itself on it. SHA-256 (Web Crypto) where available; pages outside
 * a secure context have no `crypto.subtle` and get a 64-bit FNV-1a digest,
 * which is enough to tell sessions apart (the JWT `sub` check backs it up).
 */
export async function sessionScope(sessionToken: string): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  const bytes = new TextEncoder().encode(sessionToken);
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return `s256:${hex(digest.subarray(0, 16))}`;
  }
  return `fnv:${fnv1a64(bytes)}`;
}

/** Scope of every tab in modes where the browser shares one session (cookie, authClient, getToken). */
export const SHARED_SCOPE = 'shared';

function hex(bytes: Uint8Array) {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function fnv1a64(bytes: Uint8Array) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
