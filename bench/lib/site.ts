// The loopback host site for the browser benchmarks: one blank host page per
// candidate (same markup around it), the candidates' script-tag files, stub
// endpoints the peers call on load, a ChatKit endpoint (our real handler) and
// a Deep Chat SSE endpoint streaming the same answer at the same pace.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type ChatKitStore,
  createChatKitHandler,
  createMemoryStore,
  type Responder,
} from '@chat-widget/server/chatkit';
import { readBody, sendJson, sendText, sleep, startServer } from './http.ts';
import { type Peers, rootDir } from './peers.ts';

export const BENCH_USER = 'bench-user';

export type Candidate = 'chat-widget' | 'deep-chat' | 'flowise' | 'n8n';

/** How the probe finds each candidate's launcher and message input (strings: run in the page). */
export const probes: Record<Candidate, { launcher: string | null; input: string; ready: string }> =
  {
    'chat-widget': {
      launcher: `document.querySelector('chat-widget')?.shadowRoot?.querySelector('[part~="launcher"]')`,
      input: `document.querySelector('chat-widget')?.shadowRoot?.querySelector('#input')`,
      ready: '!el.disabled',
    },
    'deep-chat': {
      launcher: null,
      input: `document.querySelector('deep-chat')?.shadowRoot?.querySelector('#text-input')`,
      ready: `el.isContentEditable`,
    },
    flowise: {
      launcher: `document.querySelector('flowise-chatbot')?.shadowRoot?.querySelector('button')`,
      input: `document.querySelector('flowise-chatbot')?.shadowRoot?.querySelector('textarea')`,
      ready: '!el.disabled',
    },
    n8n: {
      launcher: `document.querySelector('.chat-window-toggle')`,
      input: `document.querySelector('.chat-window textarea')`,
      ready: '!el.disabled',
    },
  };

/** A JWT-shaped dummy token minted in the page: the benchmarks measure rendering, not auth. */
const dummyTokenSource = `
  const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
  window.__dummyToken = async () => {
    const iat = Math.floor(Date.now() / 1000);
    return b64({ alg: 'EdDSA', typ: 'JWT', kid: 'bench' }) + '.' + b64({ sub: '${BENCH_USER}', iat, exp: iat + 900 }) + '.c2lnbmF0dXJl';
  };
`;

const probeSource = (c: Candidate) => `
  window.__bench = {};
  const visible = (el) => !!el && el.isConnected &&
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    ((r) => r.width > 0 && r.height > 0)(el.getBoundingClientRect());
  window.__find = { launcher: () => ${probes[c].launcher ?? 'null'}, input: () => ${probes[c].input} };
  window.__inputReady = (el) => ${probes[c].ready};
  /** Resolves performance.now() of the first frame where find() is visible (and ready). */
  window.__watch = (key, find, ready) => new Promise((resolve) => {
    const started = performance.now();
    const tick = () => {
      const el = find();
      if (visible(el) && (!ready || ready(el))) resolve(window.__bench[key] = performance.now());
      else if (performance.now() - started > 20000) resolve(null);
      else requestAnimationFrame(tick);
    };
    tick();
  });
  window.__launcher = ${probes[c].launcher ? `window.__watch('launcher', window.__find.launcher)` : 'Promise.resolve(null)'};
  window.__ready = window.__watch('ready', window.__find.input, window.__inputReady);
`;

export type PageKind = 'launcher' | 'inline';

function snippet(c: Candidate, kind: PageKind): string {
  switch (c) {
    case 'chat-widget': {
      const attrs =
        kind === 'inline'
          ? ' mode="inline" style="display:block;width:420px;height:640px;--chat-panel-height:640px"'
          : '';
      return `<chat-widget api-url="/chatkit"${attrs}></chat-widget>
<script>document.querySelector('chat-widget').getToken = window.__dummyToken;</script>
<script src="/assets/chat-widget.js"></script>`;
    }
    case 'deep-chat':
      return `<deep-chat style="display:block;width:420px;height:640px" connect='{"url":"/deepchat","stream":true}'></deep-chat>
<script type="module" src="/assets/deep-chat.js"></script>`;
    case 'flowise':
      return `<script type="module">import Chatbot from '/assets/flowise.js'; Chatbot.init({ chatflowid: 'bench', apiHost: location.origin });</script>`;
    case 'n8n':
      return `<div id="n8n-chat"></div>
<script src="/assets/n8n.js"></script>
<script>N8nChat.createChat({ webhookUrl: '/n8n-webhook', mode: 'window', loadPreviousSession: false, showWelcomeScreen: false });</script>`;
  }
}

export function hostPage(c: Candidate, kind: PageKind) {
  const head = c === 'n8n' ? '<link rel="stylesheet" href="/assets/n8n.css">' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>${head}</head>
<body style="margin:0;font:16px system-ui">
<main style="padding:24px"><h1>A host page</h1><p>Nothing else runs here.</p></main>
<script>${dummyTokenSource}${probeSource(c)}</script>
${snippet(c, kind)}
</body></html>`;
}

export interface StreamPlan {
  deltas: string[];
  ratePerSecond: number;
}

export interface Site {
  origin: string;
  store: ChatKitStore;
  /** Set the answer both streaming endpoints send next. */
  plan: StreamPlan;
  close(): Promise<void>;
}

/** Yields plan.deltas at plan.ratePerSecond, on a schedule (not delay-after-send). */
async function* paced(plan: StreamPlan, signal?: AbortSignal): AsyncGenerator<string> {
  const start = performance.now();
  const interval = 1000 / plan.ratePerSecond;
  for (let i = 0; i < plan.deltas.length; i++) {
    const wait = start + i * interval - performance.now();
    if (wait >= 1) await sleep(wait);
    if (signal?.aborted) return;
    yield plan.deltas[i]!;
  }
}

export async function startSite(peers: Peers): Promise<Site> {
  const assets: Record<string, { file: string | null | undefined; type: string }> = {
    '/assets/chat-widget.js': {
      file: join(rootDir, 'packages/widget/dist/cdn/chat-widget.js'),
      type: 'text/javascript',
    },
    '/assets/deep-chat.js': { file: peers.deepChat.script, type: 'text/javascript' },
    '/assets/flowise.js': { file: peers.flowise.script, type: 'text/javascript' },
    '/assets/n8n.js': { file: peers.n8n.script, type: 'text/javascript' },
    '/assets/n8n.css': { file: peers.n8n.css, type: 'text/css' },
  };
  const cache = new Map<string, Buffer>();
  const store = createMemoryStore();
  const site = { plan: { deltas: ['Hello'], ratePerSecond: 200 } } as Site;
  const respond: Responder = async function* bench(context) {
    yield* paced(site.plan, context.signal);
  };
  const handler = createChatKitHandler({ store, respond, pageSize: 50 });

  const server = await startServer(async (req, res, url) => {
    const path = url.pathname;
    // The widget's lazily loaded chunks and locale packs, next to the script-tag file.
    const cdnFile = /^\/assets\/((?:chunks|locales)\/[\w.-]+\.js)$/.exec(path);
    const asset =
      assets[path] ??
      (cdnFile
        ? {
            file: join(rootDir, 'packages/widget/dist/cdn', cdnFile[1]!),
            type: 'text/javascript',
          }
        : undefined);
    if (asset) {
      if (!asset.file) return false;
      let body = cache.get(asset.file);
      if (!body) {
        body = readFileSync(asset.file);
        cache.set(asset.file, body);
      }
      sendText(res, asset.type, body);
      return true;
    }
    // The chunks chat-widget.js imports from beside itself (loader, panel, locale packs).
    const chunk = /^\/assets\/((?:chunks|locales)\/[\w-]+\.js)$/.exec(path);
    if (chunk) {
      const file = join(rootDir, 'packages/widget/dist/cdn', chunk[1]!);
      if (!existsSync(file)) return false;
      let body = cache.get(file);
      if (!body) {
        body = readFileSync(file);
        cache.set(file, body);
      }
      sendText(res, 'text/javascript', body);
      return true;
    }
    const page = /^\/page\/(chat-widget|deep-chat|flowise|n8n)\/(launcher|inline)$/.exec(path);
    if (page) {
      sendText(res, 'text/html', hostPage(page[1] as Candidate, page[2] as PageKind));
      return true;
    }
    if (path === '/chatkit' && req.method === 'POST') {
      // No verifier: the page's token is a dummy; these runs measure rendering.
      await handler.node(req, res, { userId: BENCH_USER });
      return true;
    }
    if (path === '/deepchat' && req.method === 'POST') {
      await readBody(req);
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      for await (const delta of paced(site.plan, abort.signal)) {
        res.write(`data: ${JSON.stringify({ text: delta })}\n\n`);
      }
      res.end();
      return true;
    }
    // Flowise asks for its chatflow config on open; n8n posts to its webhook.
    if (path.startsWith('/api/v1/')) {
      await readBody(req);
      sendJson(res, path.includes('chatflows-streaming') ? { isStreaming: false } : {});
      return true;
    }
    if (path === '/n8n-webhook') {
      await readBody(req);
      sendJson(res, { data: [] });
      return true;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return true;
    }
    return false;
  });
  site.origin = server.origin;
  site.store = store;
  site.close = server.close;
  return site;
}
