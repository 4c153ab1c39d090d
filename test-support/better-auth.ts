// A real Better Auth server for tests: in-memory SQLite, email+password, the jwt,
// bearer and anonymous plugins, on a free loopback port. Tests get real EdDSA
// tokens with a kid from it; nothing here signs tokens by hand.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth } from 'better-auth';
import { toNodeHandler } from 'better-auth/node';
import { anonymous, bearer, jwt } from 'better-auth/plugins';
import Database from 'better-sqlite3';

export interface AuthServerOptions {
  /** JWT lifetime in seconds (default 900, Better Auth's own default). */
  jwtExpiresIn?: number;
  /** Origins allowed by the CORS layer and Better Auth's origin check. */
  trustedOrigins?: string[];
  /**
   * Called for every request before Better Auth sees it; return true when the
   * hook answered the request itself (to inject failures: 503s, delays, …).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Key rotation, in seconds (Better Auth's `jwks.rotationInterval`); off by default. */
  rotationInterval?: number;
  gracePeriod?: number;
}

export interface TestUser {
  email: string;
  password: string;
  id: string;
  /** `Cookie` header value carrying the session (cookie mode). */
  cookie: string;
  /** The signed session token from `set-auth-token` (bearer mode). */
  sessionToken: string;
}

export interface AuthServer {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`: Better Auth's `baseURL`, so `iss` and `aud`. */
  origin: string;
  /** `${origin}/api/auth` */
  authUrl: string;
  /** `${origin}/api/auth/jwks` */
  jwksUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: Better Auth's instance type depends on its plugin tuple.
  auth: any;
  server: Server;
  /** Token-endpoint requests seen (GET /api/auth/token), for counting refreshes. */
  tokenRequests: () => number;
  /** Every request path seen, in order. */
  requests: string[];
  signUp: (email?: string, password?: string) => Promise<TestUser>;
  signInAnonymous: () => Promise<{ cookie: string; sessionToken: string; id: string }>;
  /** A fresh JWT for a cookie or bearer session, straight from `GET /token`. */
  token: (session: { cookie?: string; sessionToken?: string }) => Promise<string>;
  close: () => Promise<void>;
}

let counter = 0;
const TEST_SECRET = 'test-secret-for-chat-widget-tests-only-0123456789abcdef';

export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const requests: string[] = [];
  let tokenCount = 0;
  // biome-ignore lint/suspicious/noExplicitAny: see AuthServer.auth
  let handler: ((req: IncomingMessage, res: ServerResponse) => any) | undefined;
  const trusted = new Set(options.trustedOrigins ?? []);

  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    requests.push(`${req.method} ${url}`);
    const origin = req.headers.origin;
    if (origin && trusted.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'set-auth-jwt, set-auth-token');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type, Authorization',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
    }
    if (options.intercept && (await options.intercept(req, res))) return;
    if (req.method === 'GET' && url.split('?')[0] === '/api/auth/token') tokenCount++;
    if (url.startsWith('/api/auth/') && handler) return handler(req, res);
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const auth = betterAuth({
    baseURL: origin,
    secret: TEST_SECRET,
    database: new Database(':memory:'),
    emailAndPassword: { enabled: true },
    trustedOrigins: [origin, ...trusted],
    logger: { disabled: true },
    plugins: [
      jwt({
        jwt: { expirationTime: `${options.jwtExpiresIn ?? 900}s` },
        jwks: options.rotationInterval
          ? { rotationInterval: options.rotationInterval, gracePeriod: options.gracePeriod ?? 3600 }
          : {},
      }),
      bearer(),
      anonymous(),
    ],
  });
  await (await auth.$context).runMigrations();
  handler = toNodeHandler(auth);

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${origin}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
    return res;
  };
  const sessionOf = (res: Response) => {
    const setCookie = res.headers.getSetCookie().find((c) => c.includes('session_token='));
    const sessionToken = res.headers.get('set-auth-token');
    if (!setCookie || !sessionToken) throw new Error('sign-in returned no session');
    return { cookie: setCookie.split(';')[0]!, sessionToken };
  };

  return {
    origin,
    authUrl: `${origin}/api/auth`,
    jwksUrl: `${origin}/api/auth/jwks`,
    auth,
    server,
    requests,
    tokenRequests: () => tokenCount,
    async signUp(email, password = 'correct-horse-battery-staple') {
      const address = email ?? `user${++counter}-${Date.now()}@example.test`;
      const res = await post('/sign-up/email', { email: address, password, name: address });
      const body = (await res.json()) as { user: { id: string } };
      return { email: address, password, id: body.user.id, ...sessionOf(res) };
    },
    async signInAnonymous() {
      const res = await post('/sign-in/anonymous', {});
      const body = (await res.json()) as { user: { id: string } };
      return { id: body.user.id, ...sessionOf(res) };
    },
    async token(session) {
      const headers: Record<string, string> = {};
      if (session.cookie) headers.cookie = session.cookie;
      if (session.sessionToken) headers.authorization = `Bearer ${session.sessionToken}`;
      const res = await fetch(`${origin}/api/auth/token`, { headers });
      if (!res.ok) throw new Error(`GET /token → ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
