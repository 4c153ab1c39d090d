// A JWKS cache built for rotation and outages (jose's remote set is blind to a
// new kid for 30 s and drops everything once its max age passes):
// - keys are kept per kid, their imported CryptoKeys cached per (kid, alg);
// - one download at a time, whatever the concurrency (single flight);
// - an unknown kid waits for the next allowed download instead of failing, and
//   downloads are spaced by `cooldown`, so a flood of random kids costs at most
//   one download per cooldown window while a real rotation shows up within it;
//   requests with the same unknown kid share one wait, and at most `maxWaiting`
//   distinct unknown kids wait at a time: beyond that the answer is "no key" at once;
// - past `cacheMaxAge` the last good keys keep serving while a background
//   download runs; only past `maxStaleness` (or on a cold start) does an
//   outage become a JwksUnavailableError (503).
import { importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { JwksFetchError, JwksUnavailableError } from './errors.js';

export interface JwksCacheOptions {
  jwksUrl: URL | undefined;
  jwks: JSONWebKeySet | undefined;
  algorithms: readonly string[];
  cacheMaxAge: number;
  cooldown: number;
  timeout: number;
  maxStaleness: number;
  maxJwksBytes: number;
  /** Most distinct unknown kids waiting for the next download; more get "no key" at once. */
  maxWaiting: number;
  fetch: typeof globalThis.fetch;
  headers: Record<string, string>;
  /** Clock, epoch ms: ages, cooldowns and staleness are measured on it. */
  now: () => number;
}

/** One published key: its JWK, the algorithms it may verify, imported keys per alg. */
export interface KeyEntry {
  readonly kid: string;
  readonly jwk: JWK;
  readonly json: string;
  readonly algorithms: readonly string[];
  readonly imported: Map<string, Promise<CryptoKey>>;
  /** Imported keys already resolved, for a synchronous hot path. */
  readonly ready: Map<string, CryptoKey>;
}

/** Counters for logs and metrics. */
export interface JwksStats {
  /** JWKS downloads started. */
  fetches: number;
  /** Downloads that failed (network, timeout, status, garbage). */
  failures: number;
  /** Keys currently usable. */
  keys: number;
  /** Epoch ms of the last successful download (0 = never). */
  fetchedAt: number;
  /** Whether the keys are older than cacheMaxAge (served stale). */
  stale: boolean;
  /** Message of the last download failure, cleared by a success. */
  lastError: string | undefined;
  /** Verified tokens remembered (the verifier's `tokenCacheSize`). */
  tokens: number;
  /** Verifications answered from those without checking a signature again. */
  tokenHits: number;
}

const CURVE_ALGS: Record<string, readonly string[]> = {
  Ed25519: ['EdDSA', 'Ed25519'],
  'P-256': ['ES256'],
  'P-384': ['ES384'],
  'P-521': ['ES512'],
};
const RSA_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** Algorithms a public JWK may verify: its own `alg` if set, else those of its key type. */
function algorithmsOf(jwk: JWK, allowed: readonly string[]): string[] {
  let candidates: readonly string[];
  if (typeof jwk.alg === 'string') candidates = [jwk.alg];
  else if (jwk.kty === 'RSA') candidates = RSA_ALGS;
  else if ((jwk.kty === 'OKP' || jwk.kty === 'EC') && typeof jwk.crv === 'string')
    candidates = CURVE_ALGS[jwk.crv] ?? [];
  else candidates = [];
  return candidates.filter((alg) => allowed.includes(alg));
}

function isUsableJwk(value: unknown): value is JWK & { kid: string } {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    typeof jwk.kid === 'string' &&
    jwk.kid.length > 0 &&
    (jwk.kty === 'OKP' || jwk.kty === 'EC' || jwk.kty === 'RSA') &&
    jwk.d === undefined && // never a private key, even if published by mistake
    (jwk.use === undefined || jwk.use === 'sig')
  );
}

export class JwksCache {
  private keys = new Map<string, KeyEntry>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastError: unknown;
  private inflight: Promise<void> | undefined;
  private scheduled: Promise<void> | undefined;
  private fetchCount = 0;
  private failureCount = 0;
  /** Unknown kids waiting for the next download, each with the wait its requests share. */
  private readonly waiting = new Map<string, Promise<KeyEntry | undefined>>();
  private readonly options: JwksCacheOptions;

  constructor(options: JwksCacheOptions) {
    this.options = options;
    if (options.jwks) {
      this.replaceKeys(options.jwks);
      this.fetchedAt = Number.POSITIVE_INFINITY; // a local set never goes stale
    }
  }

  stats(): Omit<JwksStats, 'tokens' | 'tokenHits'> {
    const now = this.options.now();
    return {
      fetches: this.fetchCount,
      failures: this.failureCount,
      keys: this.keys.size,
      fetchedAt: Number.isFinite(this.fetchedAt) ? this.fetchedAt : 0,
      stale: now - this.fetchedAt > this.options.cacheMaxAge,
      lastError: this.lastError instanceof Error ? this.lastError.message : undefined,
    };
  }

  /** The key for `kid` when it is cached and fresh (the hot path: no await). */
  fresh(kid: string): KeyEntry | undefined {
    if (this.options.now() - this.fetchedAt > this.options.cacheMaxAge) return undefined;
    return this.keys.get(kid);
  }

  /**
   * The key for `kid`, or undefined when the (fresh) key set has no such key.
   * Returns synchronously-resolved data on the hot path; throws
   * JwksUnavailableError when no trustworthy key set can be had.
   */
  async resolve(kid: string): Promise<KeyEntry | undefined> {
    const age = this.options.now() - this.fetchedAt;
    const known = this.keys.get(kid);
    if (age <= this.options.cacheMaxAge) {
      if (known) return known;
      if (!this.options.jwksUrl) return undefined;
      // A kid we have never seen: maybe a rotation. Wait for the next allowed download.
      return this.waitForKid(kid);
    }
    if (age <= this.options.maxStaleness) {
      // Stale but within bounds: serve the last good keys, refresh in the background.
      if (known) {
        this.refreshIfAllowed()?.catch(() => {});
        return known;
      }
      return this.waitForKid(kid);
    }
    // Cold start, or the keys are too old to trust: a download must succeed now.
    const attempt = this.refreshIfAllowed();
    if (!attempt) throw this.unavailable();
    await this.settle(attempt);
    if (this.options.now() - this.fetchedAt > this.options.maxStaleness) throw this.unavailable();
    return this.keys.get(kid);
  }

  /**
   * Waits for the next allowed download and looks `kid` up again. A rotated
   * key is one new kid, however many requests carry it: they share one wait.
   * A flood of random kids would hold every request until the cooldown ends:
   * past `maxWaiting` distinct kids, the answer is "no such key" at once (401).
   */
  private waitForKid(kid: string): Promise<KeyEntry | undefined> {
    const pending = this.waiting.get(kid);
    if (pending) return pending;
    if (this.waiting.size >= this.options.maxWaiting) return Promise.resolve(undefined);
    const wait = this.settle(this.refreshSoon())
      .then(() => this.keys.get(kid))
      .finally(() => this.waiting.delete(kid));
    this.waiting.set(kid, wait);
    return wait;
  }

  /**
   * Awaits a download. If it fails we cannot tell whether the kid exists, and
   * without the keys we cannot check the signature: 503, not 401.
   */
  private async settle(download: Promise<void>): Promise<void> {
    try {
      await download;
    } catch {
      throw this.unavailable();
    }
  }

  private unavailable(): JwksUnavailableError {
    const retryAfter = Math.max(
      1,
      Math.ceil((this.lastAttemptAt + this.options.cooldown - this.options.now()) / 1000),
    );
    // The reason (which may name internal hosts) stays in `cause` and stats(), not in client bodies.
    return new JwksUnavailableError('Signing keys are unavailable; try again later', retryAfter, {
      cause: this.lastError,
    });
  }

  /** Starts a download unless one runs or the last one started less than `cooldown` ago. */
  private refreshIfAllowed(): Promise<void> | undefined {
    if (this.inflight) return this.inflight;
    if (this.options.now() - this.lastAttemptAt < this.options.cooldown) return undefined;
    return this.refresh();
  }

  /** A download as soon as the cooldown allows; every caller in the window shares it. */
  private refreshSoon(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.scheduled) return this.scheduled;
    const wait = this.lastAttemptAt + this.options.cooldown - this.options.now();
    if (wait <= 0) return this.refresh();
    this.scheduled = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
      this.scheduled = undefined;
      return this.inflight ?? this.refresh();
    });
    return this.scheduled;
  }

  private refresh(): Promise<void> {
    this.lastAttemptAt = this.options.now();
    this.fetchCount++;
    const download = this.download().then(
      (set) => {
        this.replaceKeys(set);
        this.fetchedAt = this.options.now();
        this.lastError = undefined;
        this.inflight = undefined;
      },
      (error: unknown) => {
        this.failureCount++;
        this.lastError = error;
        this.inflight = undefined;
        throw error;
      },
    );
    this.inflight = download;
    return download;
  }

  private async download(): Promise<JSONWebKeySet> {
    const { jwksUrl, timeout, maxJwksBytes } = this.options;
    if (!jwksUrl) throw new JwksFetchError('No jwksUrl configured');
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new JwksFetchError(`JWKS request timed out after ${timeout} ms`);
        controller.abort(error);
        reject(error);
      }, timeout);
    });
    try {
      const body = await Promise.race([
        (async () => {
          const response = await this.options.fetch(jwksUrl, {
            headers: { accept: 'application/json', ...this.options.headers },
            redirect: 'manual',
            signal: controller.signal,
          });
          if (response.status !== 200) {
            await response.body?.cancel().catch(() => {});
            throw new JwksFetchError(`JWKS endpoint answered HTTP ${response.status}`);
          }
          const text = await response.text();
          if (text.length > maxJwksBytes) throw new JwksFetchError('JWKS response too large');
          return text;
        })(),
        deadline,
      ]);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch (cause) {
        throw new JwksFetchError('JWKS response is not JSON', { cause });
      }
      const keys = (parsed as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(keys)) throw new JwksFetchError('JWKS response has no "keys" array');
      const set = { keys: keys as JWK[] };
      if (this.usable(set).length === 0) throw new JwksFetchError('JWKS has no usable key');
      return set;
    } catch (error) {
      if (error instanceof JwksFetchError) throw error;
      throw new JwksFetchError(
        `JWKS request failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private usable(set: JSONWebKeySet): KeyEntry[] {
    const entries: KeyEntry[] = [];
    const seen = new Set<string>();
    for (const jwk of set.keys) {
      if (!isUsableJwk(jwk) || seen.has(jwk.kid)) continue;
      const algorithms = algorithmsOf(jwk, this.options.algorithms);
      if (algorithms.length === 0) continue;
      seen.add(jwk.kid);
      const json = JSON.stringify(jwk);
      const previous = this.keys.get(jwk.kid);
      // Same key as before: keep its imported CryptoKeys.
      if (previous && previous.json === json) entries.push(previous);
      else
        entries.push({
          kid: jwk.kid,
          jwk,
          json,
          algorithms,
          imported: new Map(),
          ready: new Map(),
        });
    }
    return entries;
  }

  private replaceKeys(set: JSONWebKeySet): void {
    this.keys = new Map(this.usable(set).map((entry) => [entry.kid, entry]));
  }
}

/** The CryptoKey of an entry for one algorithm, imported once. */
export function importedKey(entry: KeyEntry, alg: string): Promise<CryptoKey> {
  let key = entry.imported.get(alg);
  if (!key) {
    key = importJWK(entry.jwk, alg) as Promise<CryptoKey>;
    key.then(
      (imported) => entry.ready.set(alg, imported),
      () => entry.imported.delete(alg), // a key that fails to import can be retried later
    );
    entry.imported.set(alg, key);
  }
  return key;
}
