// Reads the demo's settings from the environment once, with defaults, and
// fails fast with a readable message on a bad value.
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type ResponderKind = 'demo' | 'openai' | 'agents';

export interface DemoConfig {
  /** Port of the main origin (Better Auth, the ChatKit endpoint, the host page). 0 = any free port. */
  port: number;
  /** Port of the "third-party site" origin. 0 = any free port. */
  embedPort: number;
  /** Host name used in the main origin (`http://<host>:<port>`). */
  mainHost: string;
  /** Host name used in the embed origin; a different site from mainHost on purpose. */
  embedHost: string;
  /** SQLite file for Better Auth and the chat threads; ':memory:' keeps nothing. */
  databasePath: string;
  /**
   * DATABASE_URL (`postgres://…`): Better Auth and the threads on PostgreSQL
   * instead of SQLite. Wins over DATABASE_PATH when both are set.
   */
  databaseUrl?: string;
  /**
   * BETTER_AUTH_URL: the public origin every instance shares (behind a proxy),
   * used as Better Auth's baseURL, so the JWT `iss` and `aud`. Default: the main origin.
   */
  publicOrigin?: string;
  /** JWT lifetime in seconds. */
  jwtExpiresIn: number;
  responder: ResponderKind;
  openai?: { baseURL: string; apiKey?: string; model: string };
  /** BETTER_AUTH_SECRET when set; otherwise the secret module manages one beside the database. */
  secret?: string;
  /** Milliseconds between streamed chunks of the demo responder. */
  responderDelayMs?: number;
  /** Sign-in/sign-up attempts per client address and window (AUTH_RATE_LIMIT_MAX / _WINDOW). */
  authRateLimit: { max: number; windowSeconds: number };
  /** Reverse proxies (IPs or CIDR ranges) whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustedProxies: string[];
  /** ROTATE_SIGNING_KEYS=1: replace signing keys the current secret cannot decrypt instead of refusing to start. */
  rotateSigningKeys: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** TRUSTED_PROXIES: comma-separated IP addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`). */
function proxiesFrom(env: NodeJS.ProcessEnv): string[] {
  const raw = env.TRUSTED_PROXIES?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const [address = '', prefix, ...rest] = value.split('/');
    const family = isIP(address);
    const prefixOk =
      prefix === undefined ||
      (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128) && rest.length === 0);
    if (family === 0 || !prefixOk) {
      throw new ConfigError(
        `TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas, got "${value}"`,
      );
    }
    return value;
  });
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = intFrom(env, 'PORT', 3000, 0, 65535);
  // PORT=0 asks for a free port; the embed origin then gets its own free port too.
  const embedPort = intFrom(env, 'EMBED_PORT', port === 0 ? 0 : port + 1, 0, 65535);
  if (port !== 0 && port === embedPort) {
    throw new ConfigError(`EMBED_PORT must differ from PORT (both are ${port})`);
  }
  const databasePath =
    env.DATABASE_PATH === ':memory:'
      ? ':memory:'
      : resolve(env.DATABASE_PATH?.trim() || '.data/demo.sqlite');
  const jwtExpiresIn = intFrom(env, 'JWT_EXPIRES_IN', 900, 1, 86_400);
  const databaseUrl = readDatabaseUrl(env.DATABASE_URL);
  const publicOrigin = readPublicOrigin(env.BETTER_AUTH_URL);
  const secret = env.BETTER_AUTH_SECRET?.trim() || undefined;
  if (databaseUrl && !secret) {
    // No file beside a SQLite database to keep a generated one in, and every
    // instance on the shared database must use the same secret.
    throw new ConfigError(
      'DATABASE_URL needs BETTER_AUTH_SECRET: the same long random value on every instance (e.g. `openssl rand -base64 32`)',
    );
  }

  const responderName = (env.CHAT_RESPONDER ?? 'demo').trim() || 'demo';
  if (responderName !== 'demo' && responderName !== 'openai' && responderName !== 'agents') {
    throw new ConfigError(
      `CHAT_RESPONDER must be "demo", "openai" or "agents", got "${responderName}"`,
    );
  }
  let openai: DemoConfig['openai'];
  if (responderName === 'openai' || responderName === 'agents') {
    const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
    const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
    // A local OpenAI-compatible server (Ollama, vLLM…) needs no key, but then it needs a URL.
    if (!apiKey && !baseURL) {
      throw new ConfigError(
        `CHAT_RESPONDER=${responderName} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)`,
      );
    }
    openai = {
      ...(apiKey ? { apiKey } : {}),
      baseURL: baseURL ?? 'https://api.openai.com/v1',
      // The agent uses the Responses API (hosted web search, reasoning summaries).
      model:
        env.OPENAI_MODEL?.trim() || (responderName === 'agents' ? 'gpt-4.1-mini' : 'gpt-4o-mini'),
    };
  }
  const responderDelay = env.DEMO_RESPONDER_DELAY_MS;
  return {
    port,
    embedPort,
    mainHost: 'localhost',
    embedHost: '127.0.0.1',
    databasePath,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(publicOrigin ? { publicOrigin } : {}),
    jwtExpiresIn,
    responder: responderName,
    openai,
    secret,
    authRateLimit: {
      max: intFrom(env, 'AUTH_RATE_LIMIT_MAX', 10, 1, 1_000_000),
      windowSeconds: intFrom(env, 'AUTH_RATE_LIMIT_WINDOW', 60, 1, 86_400),
    },
    trustedProxies: proxiesFrom(env),
    rotateSigningKeys: ['1', 'true', 'yes'].includes(
      env.ROTATE_SIGNING_KEYS?.trim().toLowerCase() ?? '',
    ),
    responderDelayMs:
      responderDelay === undefined
        ? undefined
        : intFrom(env, 'DEMO_RESPONDER_DELAY_MS', 0, 0, 10_000),
  };
}

function readDatabaseUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL must be a URL like postgres://user:password@host:5432/db');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//…); use DATABASE_PATH for SQLite`,
    );
  }
  return value;
}

function readPublicOrigin(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `BETTER_AUTH_URL must be an origin like https://chat.example.com, got "${value}"`,
    );
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname.replace(/\/+$/, '') !== '' ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new ConfigError(
      `BETTER_AUTH_URL must be a bare http(s) origin like https://chat.example.com (no path), got "${value}"`,
    );
  }
  return url.origin;
}
