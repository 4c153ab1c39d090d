import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TokenError } from './errors.js';

/** A JWT as the manager keeps it: everything on the local clock. */
export interface HeldToken {
  jwt: string;
  kid?: string;
  /** `sub` claim: the user the token acts for. */
  sub?: string;
  /** Local epoch ms when the token was requested (the conservative receive time). */
  obtainedAt: number;
  /** Lifetime in ms, from the token's own `exp − iat` (server clock only). */
  lifetimeMs: number;
  /** Local epoch ms: `obtainedAt + lifetimeMs`. */
  expiresAt: number;
}

/**
 * Reads `exp`, `iat` and `kid` without verifying anything: the browser only
 * needs timing, the API verifies the signature. The lifetime comes from
 * `exp − iat`, both stamped by the server, so a wrong local clock cannot make
 * a fresh token look expired (or an expired one look fresh).
 * `obtainedAt` is the local time the request started, so the local expiry is
 * never later than the server's.
 */
export function readToken(jwt: string, obtainedAt: number, localNow: number): HeldToken {
  let exp: number | undefined;
  let iat: number | undefined;
  let kid: string | undefined;
  let sub: string | undefined;
  try {
    const claims = decodeJwt(jwt);
    exp = claims.exp;
    iat = claims.iat;
    if (typeof claims.sub === 'string') sub = claims.sub;
    const header = decodeProtectedHeader(jwt);
    if (typeof header.kid === 'string') kid = header.kid;
  } catch (cause) {
    throw new TokenError('ERR_INVALID_TOKEN', 'The token endpoint returned a malformed JWT', {
      cause,
    });
  }
  if (typeof exp !== 'number') {
    throw new TokenError('ERR_INVALID_TOKEN', 'The JWT has no numeric exp claim');
  }
  // Without iat the only basis is the local clock against exp (best effort).
  const lifetimeMs = typeof iat === 'number' ? (exp - iat) * 1000 : exp * 1000 - localNow;
  if (!(lifetimeMs > 0)) {
    throw new TokenError('ERR_INVALID_TOKEN', 'The JWT is already expired (exp is not after iat)');
  }
  const held: HeldToken = { jwt, obtainedAt, lifetimeMs, expiresAt: obtainedAt + lifetimeMs };
  if (kid !== undefined) held.kid = kid;
  if (sub !== undefined) held.sub = sub;
  return held;
}
