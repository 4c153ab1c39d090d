// createJwksVerifier: verifies Better Auth JWTs (or any JWKS-published
// asymmetric JWT) with jose, with stricter defaults than bare jwtVerify:
// exp/iss/aud/sub required, kid required, alg pinned to the key's own alg,
// HMAC and "none" never accepted, 5 s clock tolerance, bounded token size.
import { base64url, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { AuthError, InvalidTokenError, MissingTokenError, TokenExpiredError } from './errors.js';
import { importedKey, JwksCache, type JwksStats, type KeyEntry } from './jwks-cache.js';
import { TokenCache, timesHold } from './token-cache.js';

/** Asymmetric algorithms Better Auth's jwt plugin can sign with (`jwks.keyPairConfig.alg`). */
export const BETTER_AUTH_ALGORITHMS = ['EdDSA', 'ES256', 'ES512', 'RS256', 'PS256'] as const;

const FORBIDDEN_ALGORITHMS = /^(none|HS\d+)$/i;

export interface JwksVerifierOptions {
  /** URL of the key set, e.g. `http://localhost:3000/api/auth/jwks`. Either this or `jwks`. */
  jwksUrl?: string | URL;
  /** A fixed local key set (no downloads). */
  jwks?: JSONWebKeySet;
  /**
   * Expected `iss`. Better Auth's default is the ORIGIN of its `baseURL`
   * (`http://localhost:3000`, not `…/api/auth`) unless `jwt.issuer` is set.
   */
  issuer: string | string[];
  /** Expected `aud` (one match suffices). Better Auth's default: the same origin as `issuer`. */
  audience: string | string[];
  /** Accepted `alg` values (default {@link BETTER_AUTH_ALGORITHMS}); `none` and HS* are always refused. */
  algorithms?: readonly string[];
  /** Allowed clock skew for exp/nbf/iat, in seconds (default 5). */
  clockTolerance?: number;
  /**
   * Longest accepted token life, in seconds or a duration like `"1h"`, `"30 min"`,
   * `"2 days"` (default 86 400 = 24 h): a token whose `iat` is older, or whose
   * lifetime (`exp − iat`) is longer, is refused (401 ERR_TOKEN_CLAIM_INVALID),
   * and `iat` becomes required. Raise it if your issuer mints longer tokens;
   * `false` turns the check off.
   */
  maxTokenAge?: number | string | false;
  /** Age after which the key set is refreshed in the background, in ms (default 600 000 = 10 min). */
  cacheMaxAge?: number;
  /**
   * Minimum spacing of downloads, in ms (default 5 000). A token with an unknown
   * kid waits for the next allowed download (at most this long), so a rotated key
   * is accepted within `cooldown` while a flood of random kids costs at most one
   * download per window.
   */
  cooldown?: number;
  /**
   * Most distinct unknown kids waiting for the next download (default 16).
   * Requests with the same kid (a rotated key) share one wait; requests with
   * further unknown kids (a random-kid flood) get 401 ERR_TOKEN_KEY_UNKNOWN at
   * once instead of being held until the cooldown ends.
   */
  maxKeyWaiters?: number;
  /** Timeout of one JWKS download, in ms (default 5 000). */
  timeout?: number;
  /**
   * Hard bound on serving last-good keys while the endpoint is failing, in ms
   * (default 86 400 000 = 24 h). Past it, verification answers 503.
   */
  maxStaleness?: number;
  /**
   * Verified tokens remembered, so a client sending the same JWT again is not checked for
   * its signature again (default 1 000; 0 turns the cache off). Every use still rechecks
   * exp, nbf and maxTokenAge, and an entry counts only while the key that verified it is
   * still published unchanged (a rotated or removed key means a full verification).
   * Least recently used tokens are dropped first.
   */
  tokenCacheSize?: number;
  /** Longest accepted token, in characters (default 8 192); longer → 401 ERR_TOKEN_TOO_LARGE. */
  maxTokenBytes?: number;
  /** Largest accepted JWKS document, in characters (default 1 MiB). */
  maxJwksBytes?: number;
  /** Extra request headers for the JWKS download. */
  headers?: Record<string, string>;
  /** Transport for the JWKS download (default globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
  /** `realm` of the `WWW-Authenticate` challenge sent by the adapters (default "chat-widget"). */
  realm?: string;
  /**
   * Clock in epoch ms (default `Date.now`): token times (exp, nbf, iat) and the key cache's
   * ages, cooldowns and staleness are judged on it. For tests; leave it unset in production.
   */
  now?: () => number;
}

/** A verified token. */
export interface VerifiedAuth {
  /** The `sub` claim: Better Auth's user id. */
  sub: string;
  claims: JWTPayload;
  token: string;
}

/** Anything carrying request headers: a Fetch `Request`, a Node `IncomingMessage`, or `{ headers }`. */
export type RequestLike =
  | { headers: Headers }
  | { headers: Record<string, string | string[] | undefined> };

export interface JwksVerifier {
  /** Verifies a compact JWT; rejects with an AuthError subclass. */
  verify(token: string): Promise<VerifiedAuth>;
  /** Reads `Authorization: Bearer <jwt>` and verifies it. */
  verifyRequest(request: RequestLike): Promise<VerifiedAuth>;
  /** Download, key and token cache counters. */
  stats(): JwksStats;
  /** The challenge realm for adapters. */
  readonly realm: string;
}

const B64_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** The bearer token of a request, or a MissingTokenError/InvalidTokenError. */
export function bearerToken(request: RequestLike): string {
  const headers = request.headers;
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function')
    value = (headers as Headers).get('authorization');
  else value = (headers as Record<string, string | string[] | undefined>).authorization;
  if (Array.isArray(value)) value = value[0];
  if (!value) throw new MissingTokenError();
  const match = /^Bearer(?: +(.*))?$/i.exec(value.trim());
  // Another scheme (Basic, …) is not a bearer credential: challenge without an error code.
  if (!match) throw new MissingTokenError('Authorization header is not a Bearer credential');
  const token = match[1]?.trim() ?? '';
  if (!token || !B64_TOKEN.test(token)) {
    throw new InvalidTokenError('ERR_TOKEN_MALFORMED', 'Malformed bearer token');
  }
  return token;
}

const decoder = new TextDecoder();

/** The `kid` and `alg` of a compact JWS header, or undefined if it is not plainly readable. */
function peekHeader(token: string): { kid: string; alg: string } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 2048) return undefined;
  try {
    const header = JSON.parse(decoder.decode(base64url.decode(token.slice(0, dot)))) as unknown;
    if (typeof header !== 'object' || header === null) return undefined;
    const { kid, alg } = header as { kid?: unknown; alg?: unknown };
    return typeof kid === 'string' && typeof alg === 'string' ? { kid, alg } : undefined;
  } catch {
    return undefined; // jose reports the real problem on the slow path
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new TypeError(`createJwksVerifier: "${name}" must be a non-negative number`);
  }
  return value;
}

/** Maps jose's errors to our stable codes; anything unexpected is still a 401, never a 500. */
function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired)
    return new TokenExpiredError('Token expired', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new InvalidTokenError('ERR_TOKEN_CLAIM_INVALID', error.message, { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new InvalidTokenError('ERR_TOKEN_ALG_NOT_ALLOWED', 'Token algorithm not allowed', {
      cause: error,
    });
  }
  if (error instanceof errors.JOSENotSupported) {
    // jose's message names header parameters the sender chose: keep it in `cause` only.
    return new InvalidTokenError('ERR_TOKEN_NOT_SUPPORTED', 'Token uses an unsupported feature', {
      cause: error,
    });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError('ERR_TOKEN_SIGNATURE_INVALID', 'Token signature is invalid', {
      cause: error,
    });
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new InvalidTokenError('ERR_TOKEN_MALFORMED', 'Malformed token', { cause: error });
  }
  return new InvalidTokenError('ERR_TOKEN_INVALID', 'Token could not be verified', {
    cause: error,
  });
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};

/** `maxTokenAge` in seconds: a number, or `"90"`, `"30s"`, `"15 min"`, `"1h"`, `"2 days"`, `"1 week"`. */
function durationSeconds(value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return value;
  } else {
    const match =
      /^\s*(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)?\s*$/i.exec(
        value,
      );
    if (match) {
      const unit = (match[2] ?? 's').toLowerCase();
      const key = unit.startsWith('mi') || unit === 'm' ? 'm' : unit[0]!;
      const seconds = Number(match[1]) * UNIT_SECONDS[key]!;
      if (seconds > 0) return seconds;
    }
  }
  throw new TypeError(
    `createJwksVerifier: maxTokenAge must be a positive number of seconds, a duration like "1h", or false (got ${JSON.stringify(value)})`,
  );
}

export function createJwksVerifier(options: JwksVerifierOptions): JwksVerifier {
  if (!options.jwksUrl && !options.jwks) {
    throw new TypeError('createJwksVerifier: pass `jwksUrl` or `jwks`');
  }
  if (!options.issuer || (Array.isArray(options.issuer) && options.issuer.length === 0)) {
    throw new TypeError(
      'createJwksVerifier: `issuer` is required (Better Auth: the baseURL origin)',
    );
  }
  if (!options.audience || (Array.isArray(options.audience) && options.audience.length === 0)) {
    throw new TypeError(
      'createJwksVerifier: `audience` is required (Better Auth: the baseURL origin)',
    );
  }
  const algorithms = [...(options.algorithms ?? BETTER_AUTH_ALGORITHMS)];
  const forbidden = algorithms.filter((alg) => FORBIDDEN_ALGORITHMS.test(alg));
  if (forbidden.length > 0 || algorithms.length === 0) {
    throw new TypeError(
      `createJwksVerifier: algorithms must be a non-empty list of asymmetric algorithms (got ${forbidden.join(', ') || 'none'})`,
    );
  }
  const clockTolerance = positive('clockTolerance', options.clockTolerance, 5);
  const maxTokenBytes = positive('maxTokenBytes', options.maxTokenBytes, 8192);
  const cacheMaxAge = positive('cacheMaxAge', options.cacheMaxAge, 600_000);
  const maxTokenAge =
    options.maxTokenAge === false ? undefined : durationSeconds(options.maxTokenAge ?? 86_400);
  const cache = new JwksCache({
    jwksUrl: options.jwksUrl ? new URL(options.jwksUrl) : undefined,
    jwks: options.jwks,
    algorithms,
    cacheMaxAge,
    cooldown: positive('cooldown', options.cooldown, 5_000),
    timeout: positive('timeout', options.timeout, 5_000),
    maxStaleness: Math.max(cacheMaxAge, positive('maxStaleness', options.maxStaleness, 86_400_000)),
    maxJwksBytes: positive('maxJwksBytes', options.maxJwksBytes, 1 << 20),
    maxWaiting: positive('maxKeyWaiters', options.maxKeyWaiters, 16),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    headers: options.headers ?? {},
    now: options.now ?? Date.now,
  });

  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    clockTolerance,
    requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    ...(maxTokenAge === undefined ? {} : { maxTokenAge }),
  };

  const keyFor = (entry: KeyEntry, alg: string | undefined): CryptoKey | Promise<CryptoKey> => {
    // Pin the algorithm to the key: a key verifies only the algorithm(s) it was published for.
    if (typeof alg !== 'string' || !entry.algorithms.includes(alg)) {
      throw new InvalidTokenError(
        'ERR_TOKEN_ALG_NOT_ALLOWED',
        'Token "alg" does not match its key',
      );
    }
    const ready = entry.ready.get(alg);
    if (ready) return ready;
    return importedKey(entry, alg).catch((cause: unknown) => {
      throw new InvalidTokenError('ERR_TOKEN_KEY_UNKNOWN', 'Published key cannot be used', {
        cause,
      });
    });
  };

  // jose calls this with the parsed protected header, after checking `alg` against `algorithms`.
  // Cached keys are returned synchronously: the hot path adds no await to jose's own.
  // `used` learns which key entry verified the token (the token cache ties the token to it).
  const getKey = (
    header: { alg?: string; kid?: string },
    used: { entry?: KeyEntry },
  ): CryptoKey | Promise<CryptoKey> => {
    const { kid, alg } = header;
    if (typeof kid !== 'string' || kid.length === 0) {
      throw new InvalidTokenError('ERR_TOKEN_KID_MISSING', 'Token header has no "kid"');
    }
    const cached = cache.fresh(kid);
    if (cached) {
      used.entry = cached;
      return keyFor(cached, alg);
    }
    return cache.resolve(kid).then((entry) => {
      if (!entry)
        throw new InvalidTokenError('ERR_TOKEN_KEY_UNKNOWN', 'No published key matches "kid"');
      used.entry = entry;
      return keyFor(entry, alg);
    });
  };

  // jose judges exp/nbf/iat on the injected clock, when there is one.
  const { now } = options;
  const at = <T extends object>(verifyWith: T): T =>
    now ? { ...verifyWith, currentDate: new Date(now()) } : verifyWith;

  // Per-alg options for the hot path, built once (every key's algs are a subset of `algorithms`).
  const pinned = new Map(algorithms.map((alg) => [alg, { ...verifyOptions, algorithms: [alg] }]));

  const tokens = new TokenCache(positive('tokenCacheSize', options.tokenCacheSize, 1000));
  const clock = options.now ?? Date.now;
  /** Tokens whose full check is running, with its outcome. */
  const checking = new Map<string, Promise<VerifiedAuth>>();

  const verify = async (token: string): Promise<VerifiedAuth> => {
    if (typeof token !== 'string' || token.length === 0) throw new MissingTokenError();
    if (token.length > maxTokenBytes) {
      throw new InvalidTokenError(
        'ERR_TOKEN_TOO_LARGE',
        `Token longer than ${maxTokenBytes} bytes`,
      );
    }
    const known = tokens.size > 0 ? tokens.get(token) : undefined;
    if (known) {
      // Its key still published as it was, and its times still good: no signature check.
      if (
        cache.fresh(known.key.kid) === known.key &&
        timesHold(known.claims, Math.floor(clock() / 1000), clockTolerance, maxTokenAge)
      ) {
        tokens.hits++;
        return { sub: known.sub, claims: { ...known.claims }, token };
      }
      // Otherwise verified from scratch below (and jose reports what is wrong).
      tokens.delete(token);
    }
    // The same token arriving again while its signature is being checked (a burst of
    // requests from one widget: a reload, a resume beside a list call) waits for that
    // check instead of starting another; each caller gets its own copy of the claims.
    let check = checking.get(token);
    if (check) tokens.hits++;
    else {
      check = verifyFully(token);
      checking.set(token, check);
      const done = () => checking.delete(token);
      check.then(done, done);
    }
    return check.then(({ sub, claims }) => ({ sub, claims: { ...claims }, token }));
  };

  /** The signature and claims check of a token not (or no longer) in the cache. */
  const verifyFully = async (token: string): Promise<VerifiedAuth> => {
    try {
      // Hot path: a cached, imported key for this kid+alg is passed to jose directly,
      // with `algorithms` pinned to that alg (jose re-checks the header against it).
      const header = peekHeader(token);
      const entry = header && cache.fresh(header.kid);
      const key =
        header && entry?.algorithms.includes(header.alg) ? entry.ready.get(header.alg) : undefined;
      const pinnedOptions = key && pinned.get(header!.alg);
      const used: { entry?: KeyEntry } = pinnedOptions ? { entry } : {};
      const { payload } = pinnedOptions
        ? await jwtVerify(token, key, at(pinnedOptions))
        : await jwtVerify(
            token,
            (protectedHeader: { alg?: string; kid?: string }) => getKey(protectedHeader, used),
            at(verifyOptions),
          );
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
        throw new InvalidTokenError(
          'ERR_TOKEN_CLAIM_INVALID',
          '"sub" claim must be a non-empty string',
        );
      }
      // jose checks the age of `iat`; a token minted just now may still claim to live for years.
      if (
        maxTokenAge !== undefined &&
        typeof payload.exp === 'number' &&
        typeof payload.iat === 'number' &&
        payload.exp - payload.iat > maxTokenAge
      ) {
        throw new InvalidTokenError(
          'ERR_TOKEN_CLAIM_INVALID',
          `Token lifetime (exp − iat) is longer than maxTokenAge (${maxTokenAge} s)`,
        );
      }
      // Remembered with the key entry that verified it: the entry is what it is tied to.
      if (used.entry) tokens.set(token, { sub: payload.sub, claims: payload, key: used.entry });
      return { sub: payload.sub, claims: { ...payload }, token };
    } catch (error) {
      throw toAuthError(error);
    }
  };

  return {
    verify,
    verifyRequest: (request) => {
      try {
        return verify(bearerToken(request));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    stats: () => ({ ...cache.stats(), tokens: tokens.count, tokenHits: tokens.hits }),
    realm: options.realm ?? 'chat-widget',
  };
}
