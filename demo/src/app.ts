// Wires the demo together: two HTTP origins in one process.
// - main (http://localhost:PORT): Better Auth, the ChatKit endpoint, the host page, the widget script
// - embed (http://127.0.0.1:EMBED_PORT): a "third-party site" embedding the widget cross-site
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createDemoAuth } from './auth.js';
import { type Bundle, bundleTokenManager } from './bundle.js';
import { createDemoChat } from './chat.js';
import { withClientAddress } from './client-address.js';
import type { DemoConfig } from './config.js';
import { cors } from './cors.js';
import { contentSecurityPolicy, serveFile } from './pages.js';
import { resolveSecret } from './secret.js';
import { checkSigningKeys } from './signing-keys.js';
import { openStorage } from './storage.js';

const here = dirname(fileURLToPath(import.meta.url));
const publicDir = resolve(here, '../public');
const widgetDist = resolve(here, '../../packages/widget/dist/cdn');

export interface RunningDemo {
  /** This instance's own origin, `http://localhost:PORT`. */
  mainOrigin: string;
  /** BETTER_AUTH_URL when set (the origin users reach, e.g. a proxy), else mainOrigin. */
  publicOrigin: string;
  /** The database in use: a SQLite path or a PostgreSQL URL without its password. */
  database: string;
  embedOrigin: string;
  close(): Promise<void>;
}

type Listener = ReturnType<typeof getRequestListener>;

/** An HTTP server whose handler is set once the app exists (ports are known first). */
function lateServer() {
  let listener: Listener | undefined;
  const server = createServer((req, res) => {
    if (listener) return void listener(req, res);
    res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('starting');
  });
  return { server, setListener: (l: Listener) => (listener = l) };
}

async function listen(server: Server, port: number, host: string) {
  server.listen(port, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  return (server.address() as AddressInfo).port;
}

export async function startDemo(
  config: DemoConfig,
  log: { info: (m: string) => void; warn: (m: string) => void } = console,
): Promise<RunningDemo> {
  // 1. The secret first: a database without its secret must stop us before anything listens.
  // (With DATABASE_URL, readConfig already insisted on BETTER_AUTH_SECRET.)
  const { secret } = resolveSecret(
    config.databaseUrl ? ':memory:' : config.databasePath,
    config.secret,
    log.warn,
  );

  // 2. Listen next, so PORT=0 works and the origins are known before Better Auth exists.
  const main4 = lateServer();
  const main6 = lateServer();
  const embed = lateServer();
  const listening: Server[] = [];
  const closeServers = () =>
    Promise.all(
      listening.map(async (server) => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Ends keep-alive sockets and open SSE streams now instead of waiting for them.
        server.closeAllConnections();
        await closed;
      }),
    );
  let port: number;
  let embedPort: number;
  try {
    port = await listen(main4.server, config.port, '127.0.0.1');
    listening.push(main4.server);
    // `localhost` may resolve to ::1 too; serve it there when the machine has IPv6.
    if (
      await listen(main6.server, port, '::1').then(
        () => true,
        () => false,
      )
    ) {
      listening.push(main6.server);
    }
    embedPort = await listen(embed.server, config.embedPort, '127.0.0.1');
    listening.push(embed.server);
  } catch (error) {
    await closeServers();
    throw error;
  }
  const mainOrigin = `http://${config.mainHost}:${port}`;
  const embedOrigin = `http://${config.embedHost}:${embedPort}`;
  // Every instance behind one proxy issues and checks the same iss/aud.
  const publicOrigin = config.publicOrigin ?? mainOrigin;

  // Storage: Better Auth's tables and the chat threads in one database, SQLite
  // by default or PostgreSQL with DATABASE_URL (storage.ts).
  let storage: Awaited<ReturnType<typeof openStorage>>;
  try {
    storage = await openStorage(config, log.warn);
  } catch (error) {
    await closeServers();
    throw error;
  }

  // 3. Chat backend and auth. The verifier reads this instance's own JWKS over
  // loopback: every instance serves the same keys from the shared database.
  const chat = createDemoChat({
    origin: publicOrigin,
    jwksUrl: `http://127.0.0.1:${port}/api/auth/jwks`,
    store: storage.store,
    turnLog: storage.turnLog,
    config,
  });
  const auth = createDemoAuth({
    baseURL: publicOrigin,
    secret,
    db: storage.authDatabase,
    trustedOrigins: publicOrigin === mainOrigin ? [embedOrigin] : [mainOrigin, embedOrigin],
    jwtExpiresIn: config.jwtExpiresIn,
    rateLimit: config.authRateLimit,
    trustedProxies: config.trustedProxies,
    onGuestLinked: async (from, to) => {
      await chat.reown(from, to);
    },
  });
  try {
    // Instances started together take turns here: one migrates and mints the
    // first signing key (the JWKS endpoint creates it when there is none), the
    // others then find both done.
    await storage.exclusive(async () => {
      await (await auth.$context).runMigrations();
      await auth.api.getJwks();
      // A changed secret cannot open the stored keys: refuse now rather than 500 on every token.
      await checkSigningKeys(auth, { rotate: config.rotateSigningKeys, warn: log.warn });
    });
  } catch (error) {
    await closeServers();
    await storage.close();
    throw error;
  }

  // Bundled in the background now, so the first page load does not wait for esbuild.
  let tokenManagerBundle: Promise<Bundle> | undefined = bundleTokenManager();
  tokenManagerBundle.catch(() => {});
  const mainCsp = contentSecurityPolicy();
  const embedCsp = contentSecurityPolicy({ extraOrigins: [publicOrigin] });

  // 4. Main origin.
  const app = new Hono();
  app.use('/api/*', cors([embedOrigin]));
  const trustForwarded = config.trustedProxies.length > 0;
  app.on(['GET', 'POST'], '/api/auth/*', (c) =>
    auth.handler(
      withClientAddress(
        c.req.raw,
        (c.env as { incoming?: IncomingMessage } | undefined)?.incoming,
        trustForwarded,
      ),
    ),
  );
  // POST: ChatKit operations and uploads; GET: an attachment's bytes, to its owner only.
  app.on(['GET', 'POST'], '/api/chatkit', (c) => chat.fetch(c.req.raw));
  app.all('/api/*', (c) =>
    c.json(
      { error: { code: 'not_found', message: `No API route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  app.get('/chat-widget.js', (c) => serveWidget(c.req.path.slice(1)));
  app.get('/chat-widget.js.map', (c) => serveWidget(c.req.path.slice(1)));
  // The script's locale packs, loaded on demand from next to it (dist/cdn/locales/<tag>.js).
  app.get('/locales/:file{[A-Za-z]{2,3}(-[A-Za-z]{2,4})?\\.js}', (c) =>
    serveWidget(`locales/${c.req.param('file')}`),
  );
  // The chunks it loads (the loader at once, the panel on first intent), from next to it too.
  app.get('/chunks/:file{[\\w-]+\\.js(\\.map)?}', (c) =>
    serveWidget(`chunks/${c.req.param('file')}`),
  );
  app.get('/assets/token-manager.js', async () => {
    tokenManagerBundle ??= bundleTokenManager();
    try {
      const { code } = await tokenManagerBundle;
      return new Response(code, {
        headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' },
      });
    } catch (error) {
      tokenManagerBundle = undefined;
      log.warn(`could not bundle @chat-widget/auth: ${(error as Error).message}`);
      return new Response('// @chat-widget/auth could not be bundled; see the server log\n', {
        status: 503,
        headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
      });
    }
  });
  const mainFiles = {
    root: publicDir,
    csp: mainCsp,
    replacements: { MAIN_ORIGIN: publicOrigin, EMBED_ORIGIN: embedOrigin },
  };
  app.get('/', (c) => serveFile(c, 'index.html', mainFiles).then((r) => r ?? c.notFound()));
  app.get('/:name', (c) =>
    serveFile(c, c.req.param('name'), mainFiles).then((r) => r ?? c.notFound()),
  );

  // 5. Embed origin: a stand-in for somebody else's site.
  const embedApp = new Hono();
  const embedFiles = { ...mainFiles, csp: embedCsp };
  embedApp.get('/', (c) => serveFile(c, 'embed.html', embedFiles).then((r) => r ?? c.notFound()));
  embedApp.get('/:name', (c) =>
    serveFile(c, c.req.param('name'), embedFiles).then((r) => r ?? c.notFound()),
  );

  const mainListener = getRequestListener(app.fetch);
  main4.setListener(mainListener);
  main6.setListener(mainListener);
  embed.setListener(getRequestListener(embedApp.fetch));

  let closing: Promise<void> | undefined;
  return {
    mainOrigin,
    publicOrigin,
    database: storage.description,
    embedOrigin,
    close() {
      closing ??= (async () => {
        // Dropping the connections ends open streams; the handler then stops any turn
        // still running and waits until each has saved what it had.
        await closeServers();
        await chat.close();
        await storage.close();
      })();
      return closing;
    },
  };

  async function serveWidget(name: string) {
    const file = resolve(widgetDist, name);
    if (!existsSync(file)) {
      return new Response(
        `// ${name} is not built yet: run \`npm run build\` (npm start does it for you)\n`,
        { status: 404, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } },
      );
    }
    return new Response(await readFile(file), {
      headers: {
        'Content-Type': name.endsWith('.map')
          ? 'application/json'
          : 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
        // Other sites load this script, and its chunks as ES modules (fetched with CORS):
        // allow both across origins.
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Access-Control-Allow-Origin': '*',
      },
    });
  }
}
