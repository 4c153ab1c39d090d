// Test server for the cross-tab specs: the real Better Auth server, which also
// serves a blank page and an ESM bundle of @chat-widget/auth (built with
// esbuild from src at start), all on one origin so the session cookie works.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthServer, startAuthServer } from '../../../../test-support/better-auth.ts';
import { bundleForBrowser } from '../../../../test-support/playwright.ts';

export interface TabServer {
  auth: AuthServer;
  origin: string;
  /** Requests that reached GET /api/auth/token (including delayed ones). */
  tokenHits: () => number;
  /** Delay every token response by this many ms (0 = none). */
  setTokenDelay: (ms: number) => void;
  close: () => Promise<void>;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>auth tab</title></head>
<body><script type="module">
import * as auth from '/auth.js';
window.auth = auth;
window.authReady = true;
</script></body></html>`;

export async function startTabServer(jwtExpiresIn: number): Promise<TabServer> {
  const script = await bundleForBrowser(new URL('../../src/index.ts', import.meta.url), 'esm');
  let hits = 0;
  let delay = 0;
  const auth = await startAuthServer({
    jwtExpiresIn,
    intercept: async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return true;
      }
      if (path === '/auth.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
        return true;
      }
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return true;
      }
      if (path === '/api/auth/token') {
        hits++;
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      }
      return false;
    },
  });
  return {
    auth,
    origin: auth.origin,
    tokenHits: () => hits,
    setTokenDelay: (ms) => {
      delay = ms;
    },
    close: () => auth.close(),
  };
}
