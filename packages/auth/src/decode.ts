import { TokenError } from './errors.js';

/**
 * A compact JWS's header and payload as JSON objects. Nothing is verified here;
 * anything that is not three base64url parts with a JSON object in each of the
 * first two throws.
 */
function jwtParts(jwt: string): Record<string, unknown>[] {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new TypeError('Not a compact JWS');
  return parts.slice(0, 2).map((part) => {
    if (!part || /[^\w-]/.test(part)) throw new TypeError('Not a compact JWS');
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TypeError('Not a JSON object');
    }
    return value as Record<string, unknown>;
  });
}

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
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    [header, claims] = jwtParts(jwt) as [Record<string, unknown>, Record<string, unknown>];
  } catch (cause) {
    throw new TokenError('ERR_INVALID_TOKEN', 'The token endpoint returned a malformed JWT', {
      cause,
    });
  }
  const { exp, iat, sub } = claims;
  if (typeof exp !== 'number') {
    throw new TokenError('ERR_INVALID_TOKEN', 'The JWT has no numeric exp claim');
  }
  // Without iat the only basis is the local clock against exp (best effort).
  const lifetimeMs = typeof iat === 'number' ? (exp - iat) * 1000 : exp * 1000 - localNow;
  if (!(lifetimeMs > 0)) {
    throw new TokenError('ERR_INVALID_TOKEN', 'The JWT is already expired (exp is not after iat)');
  }
  const held: HeldToken = { jwt, obtainedAt, lifetimeMs, expiresAt: obtainedAt + lifetimeMs };
  if (typeof header.kid === 'string') held.kid = header.kid;
  if (typeof sub === 'string') held.sub = sub;
  return held;
}
