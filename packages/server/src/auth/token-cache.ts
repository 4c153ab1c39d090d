// Verified tokens, remembered: a widget sends the same JWT with every request
// until it is refreshed, and checking its signature each time is most of the
// cost of a request. An entry remembers who verified it (the key entry of the
// JWKS cache): when that key is rotated out or replaced, or the key set goes
// stale, the entry no longer counts and the token is verified from scratch. The
// time claims (exp, nbf, iat age) are judged again on every use. Least recently
// used entries go first once `size` is reached.
import type { JWTPayload } from 'jose';
import type { KeyEntry } from './jwks-cache.js';

export interface CachedToken {
  readonly sub: string;
  readonly claims: JWTPayload;
  /** The key that verified the signature. */
  readonly key: KeyEntry;
}

export class TokenCache {
  private readonly entries = new Map<string, CachedToken>();
  /** Verifications answered from the cache. */
  hits = 0;
  constructor(readonly size: number) {}

  get count(): number {
    return this.entries.size;
  }

  /** The entry for a token, made the most recently used. */
  get(token: string): CachedToken | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    this.entries.set(token, entry);
    return entry;
  }

  set(token: string, entry: CachedToken): void {
    if (this.size <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, entry);
    if (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(token: string): void {
    this.entries.delete(token);
  }
}

/**
 * Whether the time claims still hold at `nowSeconds`, judged as jose does (with the
 * same tolerance): exp not passed, nbf reached, iat neither too old nor in the future.
 */
export function timesHold(
  claims: JWTPayload,
  nowSeconds: number,
  tolerance: number,
  maxTokenAge: number | undefined,
): boolean {
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds - tolerance) return false;
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + tolerance) return false;
  if (maxTokenAge !== undefined) {
    if (typeof claims.iat !== 'number') return false;
    const age = nowSeconds - claims.iat;
    if (age - tolerance > maxTokenAge || age < -tolerance) return false;
  }
  return true;
}
