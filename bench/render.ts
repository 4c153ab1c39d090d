// Renders BENCHMARKS.md from one run's results: a headline table first, then
// each suite with medians and spreads (min–max over runs).
import type { MachineInfo } from './lib/machine.ts';
import type { Summary } from './lib/stats.ts';
import type { AttachmentResults } from './suites/attachments.ts';
import type { ChatkitLoad, ChatkitLoadResults } from './suites/chatkit-load.ts';
import type { LoadRow } from './suites/load.ts';
import type { LongThreadResults, LongThreadRow } from './suites/long-thread.ts';
import type { ResumeLatencyResults } from './suites/resume-latency.ts';
import type { ServerResults } from './suites/server.ts';
import type { SizeResults } from './suites/size.ts';
import type { StreamingResults, StreamRow } from './suites/streaming.ts';
import type { TokenResults } from './suites/token.ts';

export interface BenchReport {
  machine: MachineInfo;
  build: string;
  counts: Record<string, number>;
  peers: Record<string, { version: string; error: string | null }>;
  results: {
    size?: SizeResults;
    server?: ServerResults;
    'chatkit-load'?: ChatkitLoadResults;
    token?: TokenResults;
    load?: LoadRow[];
    streaming?: StreamingResults;
    'long-thread'?: LongThreadResults;
    attachments?: AttachmentResults;
    'resume-latency'?: ResumeLatencyResults;
  };
  errors: Record<string, string>;
  timings: Record<string, number>;
  totalSeconds: number;
}

const NA = 'n/a';
const ok = (v: number) => Number.isFinite(v);
const kb = (bytes: number | null | undefined) =>
  bytes == null ? NA : `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => (ok(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : NA);
const num = (v: number, digits = 0) => (ok(v) ? v.toFixed(digits) : NA);
/** "median (min–max)" */
const spread = (s: Summary | undefined, unit = '', digits = 0) =>
  !s || s.n === 0
    ? NA
    : s.n === 1
      ? `${num(s.median, digits)}${unit}`
      : `${num(s.median, digits)}${unit} (${num(s.min, digits)}–${num(s.max, digits)})`;
const med = (s: Summary | undefined, unit = '', digits = 0) =>
  !s || s.n === 0 ? NA : `${num(s.median, digits)}${unit}`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && ok(a) && ok(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : NA;
const check = (pass: boolean | undefined) => (pass === undefined ? NA : pass ? 'yes' : '**no**');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function headline(r: BenchReport): string[] {
  const out: string[] = [];
  const size = r.results.size;
  const load = r.results.load;
  const stream = r.results.streaming;
  const files = size?.files ?? [];
  const file = (prefix: string) => files.find((f) => f.name.startsWith(prefix));
  const row = (label: string) => load?.find((l) => l.candidate === label);
  const streamRow = (label: string) => stream?.rows.find((s) => s.candidate === label);
  const cw = streamRow('chat-widget')?.summary;
  const dc = streamRow('deep-chat')?.summary;

  out.push('## Headline', '');
  out.push(
    'Medians of this run; lower is better everywhere. Peers measured in the same run, same machine, same host page.',
    '',
  );
  out.push(
    table(
      ['', 'chat-widget', 'deep-chat', 'flowise-embed', '@n8n/chat'],
      [
        [
          'JS fetched before the panel opens, gzip (load suite)',
          kb(row('chat-widget')?.jsBefore?.gzip),
          kb(row('deep-chat (inline only)')?.jsBefore?.gzip),
          kb(row('flowise-embed')?.jsBefore?.gzip),
          kb(row('@n8n/chat')?.jsBefore?.gzip),
        ],
        [
          'Everything the script tag can load, min+gzip',
          kb(file('chat-widget (script tag')?.gzip),
          kb(file('deep-chat')?.gzip),
          kb(file('flowise-embed')?.gzip),
          kb(file('@n8n/chat')?.gzip),
        ],
        [
          'Everything the script tag can load, min+brotli',
          kb(file('chat-widget (script tag')?.brotli),
          kb(file('deep-chat')?.brotli),
          kb(file('flowise-embed')?.brotli),
          kb(file('@n8n/chat')?.brotli),
        ],
        [
          'Navigation → launcher visible',
          med(row('chat-widget')?.launcher, ' ms'),
          'no launcher',
          med(row('flowise-embed')?.launcher, ' ms'),
          med(row('@n8n/chat')?.launcher, ' ms'),
        ],
        [
          'Click → panel interactive',
          med(row('chat-widget')?.panel, ' ms'),
          'no launcher',
          med(row('flowise-embed')?.panel, ' ms'),
          med(row('@n8n/chat')?.panel, ' ms'),
        ],
        [
          'Navigation → inline input ready',
          med(row('chat-widget (inline)')?.ready, ' ms'),
          med(row('deep-chat (inline only)')?.ready, ' ms'),
          '–',
          '–',
        ],
        [
          'JS heap after load (GC’d)',
          row('chat-widget')?.heap ? mb(row('chat-widget')!.heap!.median) : NA,
          row('deep-chat (inline only)')?.heap
            ? mb(row('deep-chat (inline only)')!.heap!.median)
            : NA,
          row('flowise-embed')?.heap ? mb(row('flowise-embed')!.heap!.median) : NA,
          row('@n8n/chat')?.heap ? mb(row('@n8n/chat')!.heap!.median) : NA,
        ],
        [
          `Streaming ${stream?.deltas ?? ''} deltas: main-thread script`,
          med(cw?.scriptMs, ' ms'),
          med(dc?.scriptMs, ' ms'),
          '–',
          '–',
        ],
        [
          'Streaming: layout + style',
          cw ? `${num(cw.layoutMs.median + cw.styleMs.median)} ms` : NA,
          dc ? `${num(dc.layoutMs.median + dc.styleMs.median)} ms` : NA,
          '–',
          '–',
        ],
        [
          'Streaming: longest task / dropped frames',
          cw ? `${num(cw.longestTask.median)} ms / ${num(cw.droppedFrames.median)}` : NA,
          dc ? `${num(dc.longestTask.median)} ms / ${num(dc.droppedFrames.median)}` : NA,
          '–',
          '–',
        ],
      ],
    ),
    '',
  );

  const goals: string[][] = [];
  if (size) {
    goals.push([
      'First load (chat-widget.js + loader chunk) ≤ 12 KB gzip (size-budget test)',
      kb(size.firstLoadBudget.actual),
      check(size.firstLoadBudget.ok ?? undefined),
    ]);
    goals.push([
      'Every chunk together ≤ 55 KB gzip (size-budget test)',
      kb(size.budget.actual),
      check(size.budget.ok ?? undefined),
    ]);
  }
  if (cw) {
    goals.push([
      'Streaming: no long task over 50 ms',
      `longest ${num(cw.longestTask.max)} ms (worst run)`,
      check(cw.longestTask.max <= 50),
    ]);
    if (dc)
      goals.push([
        'Streaming: less script time than Deep Chat',
        `${num(cw.scriptMs.median)} vs ${num(dc.scriptMs.median)} ms (${ratio(cw.scriptMs.median, dc.scriptMs.median)})`,
        check(cw.scriptMs.median < dc.scriptMs.median),
      ]);
  }
  const token = r.results.token;
  if (token) {
    goals.push([
      '100 concurrent getToken() at expiry → token requests',
      String(token.concurrent.requests),
      check(token.concurrent.requests === 1),
    ]);
    goals.push([
      '3 tabs waking at expiry → token requests per expiry',
      token.tabs.rounds.length ? token.tabs.rounds.join(', ') : NA,
      token.tabs.rounds.length ? check(token.tabs.rounds.every((n) => n === 1)) : NA,
    ]);
    goals.push([
      `${token.hour.simulatedSeconds / 60} simulated minutes, 5-min token, getToken() every 10 s → requests (goal ${token.hour.goal})`,
      `${token.hour.requests} over ${token.hour.simulatedSeconds / 60} min`,
      check(
        token.hour.requests <=
          (token.hour.goalRequests ??
            Math.round(token.hour.simulatedSeconds / token.hour.lifetimeSeconds) + 1) &&
          token.hour.expiredHandedOut === 0,
      ),
    ]);
  }
  const server = r.results.server;
  if (server) {
    for (const v of server.verify.rows) {
      goals.push([
        `createJwksVerifier ÷ raw jose.jwtVerify, ${v.alg} (≥ 0.90×)`,
        `${v.ratio.toFixed(2)}×`,
        check(v.ratio >= 0.9),
      ]);
    }
    goals.push([
      '1,000 concurrent tokens with a new kid → JWKS downloads',
      `${server.newKid.ours.fetches} (${server.newKid.ours.accepted}/1000 accepted)`,
      check(
        server.newKid.ours.fetches === 1 &&
          server.newKid.ours.accepted === server.newKid.concurrent,
      ),
    ]);
  }
  const chatkit = r.results['chatkit-load'];
  for (const c of chatkit?.variants ?? []) {
    // The floor column is a reference, not our handler: no goal applies to it.
    const never = c.responder === 'none' && c.store !== 'bare';
    goals.push([
      `${c.store === 'bare' ? 'Reference' : 'ChatKit handler'}, ${variantLabel(c)}: ${c.conversations} concurrent × ${c.deltas} deltas, first event p99${never ? ` (goal ≤ ${chatkit!.goalMs} ms)` : ''}; p50, all done`,
      c.error
        ? `failed: ${c.error}`
        : `${med(c.ttfeP99, ' ms')}; ${med(c.ttfeP50, ' ms')}, ${med(c.totalMs, ' ms')}` +
          (c.coldTtfeP99 ? ` (fresh process: p99 ${med(c.coldTtfeP99, ' ms')})` : ''),
      never && !c.error ? check(c.ttfeP99.median <= chatkit!.goalMs) : '–',
    ]);
  }
  const long = r.results['long-thread'];
  const open = (candidate: string, items: number) =>
    long?.rows.find((x) => x.candidate === candidate && x.items === items)?.summary;
  const [small, large] = long?.items ?? [];
  const cwSmall = small ? open('chat-widget', small) : undefined;
  const dcSmall = small ? open('deep-chat', small) : undefined;
  if (small && cwSmall) {
    goals.push([
      `Open a ${small.toLocaleString('en')}-message thread → rendered, ≤ ½ × Deep Chat’s (${med(dcSmall?.openMs, ' ms')}) in this run`,
      `${med(cwSmall.openMs, ' ms')} (${ratio(cwSmall.openMs.median, dcSmall?.openMs.median)}), heap +${mb(cwSmall.heapGrowthBytes.median)}`,
      dcSmall ? check(cwSmall.openMs.median <= dcSmall.openMs.median / 2) : NA,
    ]);
  }
  const cwLarge = large ? open('chat-widget', large) : undefined;
  if (small && large && cwSmall && cwLarge) {
    goals.push([
      `Open a ${large.toLocaleString('en')}-message thread ≈ a ${small.toLocaleString('en')}-message one (within 25 %)`,
      `${med(cwLarge.openMs, ' ms')} vs ${med(cwSmall.openMs, ' ms')} (${ratio(cwLarge.openMs.median, cwSmall.openMs.median)}), heap +${mb(cwLarge.heapGrowthBytes.median)}`,
      check(cwLarge.openMs.median <= cwSmall.openMs.median * 1.25),
    ]);
  }
  const upload = r.results.attachments?.summary;
  if (upload) {
    goals.push([
      `Upload a ${mb(r.results.attachments!.bytes)} file (two-phase, loopback): drop → uploaded, peak JS heap`,
      `${med(upload.uploadMs, ' ms')}, peak ${mb(upload.heapPeakBytes.median)} (before ${mb(upload.heapBeforeBytes.median)})`,
      '–',
    ]);
  }
  const resume = r.results['resume-latency'];
  if (resume) goals.push(resumeGoalRow(resume));
  out.push(table(['Goal', 'Result', 'Met'], goals), '');
  return out;
}

/** The resume-latency row of the goal table (also printed by bench/resume-latency.ts). */
export function resumeGoalRow(r: ResumeLatencyResults): string[] {
  return [
    `Resume latency: network back → next delta on screen ([[long]] reply, ${r.cuts} cuts of ${r.offlineMs} ms offline, demo on SQLite; see [Resume latency](#resume-latency)) p50 / p90 / max`,
    `${r.p50} ms / ${r.p90} ms / ${r.max} ms`,
    '–',
  ];
}

function sizeSection(s: SizeResults): string[] {
  return [
    '## 1. Bundle size',
    '',
    'gzip level 9 and brotli quality 11 (node:zlib) of what a script tag loads: for chat-widget every file of `dist/cdn` but the locale packs and source maps (chat-widget.js, the loader chunk, the panel chunk), and the first load alone; peers as published (already minified, one file each). ' +
      'The ESM row bundles `packages/widget/src/index.ts` with esbuild `--bundle --minify` (what an app bundler would ship).',
    '',
    table(
      ['Bundle', 'Version', 'Minified', 'min+gzip', 'min+brotli', 'gzip vs chat-widget'],
      s.files.map((f) => [
        f.name,
        f.version,
        kb(f.raw),
        kb(f.gzip),
        kb(f.brotli),
        f.gzip != null && s.files[0]?.gzip
          ? `${(f.gzip / s.files[0].gzip).toFixed(1)}×`
          : (f.note ?? NA),
      ]),
    ),
    '',
    '### What the ESM bundle is made of (esbuild metafile, bytesInOutput)',
    '',
    'gzip column: the group’s share of the minified bytes applied to the bundle’s gzip size (an estimate; groups compress differently).',
    '',
    table(
      ['Part', 'Minified', 'Share', '≈ gzip'],
      s.esmDependencies.map((d) => [
        d.group,
        kb(d.bytes),
        `${(d.share * 100).toFixed(1)} %`,
        kb(d.gzipEstimate),
      ]),
    ),
    '',
    `Budgets (packages/widget/test/size-budget.test.ts): first load ${kb(s.firstLoadBudget.actual)} of 12 KB (${s.firstLoadBudget.actual ?? NA} of ${s.firstLoadBudget.limit} bytes); every chunk ${kb(s.budget.actual)} of 55 KB (${s.budget.actual ?? NA} of ${s.budget.limit} bytes).`,
    '',
  ];
}

function loadSection(rows: LoadRow[], runs: number): string[] {
  return [
    '## 2. Load',
    '',
    `Same blank host page per candidate, served from 127.0.0.1, fresh browser context (cold HTTP cache) each time, candidates rotated; ${runs} runs each. ` +
      'Timestamps are `performance.now()` (navigation start = 0) at the first animation frame where the element is visible ' +
      '(checkVisibility incl. opacity, non-zero box); "interactive" = the message input is visible and enabled. The click is a DOM `click()` on the launcher, 300 ms after `load`. ' +
      'chat-widget is the script-tag build as shipped (dist/cdn): the page loads chat-widget.js and the loader chunk; the click (no hover before it, and before the idle prefetch) imports the panel chunk, so "click → panel interactive" includes fetching and running it from a cold cache. ' +
      'JS columns: gzip level 9 of every script response body fetched before the click (inline: until ready) and from the click until interactive. ' +
      'chat-widget gets a `getToken` property returning a JWT-shaped dummy token (no network): these runs measure rendering, not auth. ' +
      'Flowise and n8n get stub answers for their config/webhook calls from the same server. Deep Chat has no launcher: it is compared inline.',
    '',
    table(
      [
        'Candidate',
        'Navigation → launcher',
        'Click → panel interactive',
        'Navigation → inline input ready',
        'JS before open (gzip, files)',
        'JS on open (gzip, files)',
        'JS heap (GC’d)',
        'Notes',
      ],
      rows.map((r) => [
        r.candidate,
        r.kind === 'launcher' ? spread(r.launcher, ' ms') : '–',
        r.kind === 'launcher' ? spread(r.panel, ' ms') : '–',
        r.kind === 'inline' ? spread(r.ready, ' ms') : '–',
        r.jsBefore ? `${kb(r.jsBefore.gzip)} (${r.jsBefore.files})` : NA,
        r.kind === 'launcher' && r.jsOnOpen ? `${kb(r.jsOnOpen.gzip)} (${r.jsOnOpen.files})` : '–',
        r.heap ? mb(r.heap.median) : NA,
        r.error ?? '',
      ]),
    ),
    '',
    'Cells: median (min–max).',
    '',
  ];
}

function streamSection(s: StreamingResults, runs: number): string[] {
  const line = (row: StreamRow) => {
    const m = row.summary;
    if (!m) return [row.candidate, NA, NA, NA, NA, NA, NA, NA, row.error ?? ''];
    return [
      row.candidate,
      spread(m.scriptMs, ' ms'),
      spread(m.layoutMs, ' ms'),
      spread(m.styleMs, ' ms'),
      spread(m.busyMs, ' ms'),
      `${num(m.longTasks.median)} / ${spread(m.longestTask, ' ms')}`,
      spread(m.droppedFrames),
      `${spread(m.elapsed, ' ms')}, ${num(m.renderedChars.median)} chars`,
      [
        row.error,
        m.renderedChars.min < s.answerChars
          ? `incomplete answer in a run (${num(m.renderedChars.min)} of ${s.answerChars} chars)`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    ];
  };
  return [
    '## 3. Streaming render',
    '',
    `The same markdown answer (headings, paragraphs with bold and inline code, bullet and numbered lists, fenced code blocks; ${s.answerChars} characters) in ${s.deltas} word-sized deltas at ${s.ratePerSecond} deltas/s from a loopback server, ${runs} runs each, alternating order. ` +
      'chat-widget (inline, 420×640, a JWT-shaped dummy token and no verifier on the endpoint: rendering, not auth) gets ChatKit SSE from our real `createChatKitHandler` (memory store, a responder pacing the deltas); ' +
      'Deep Chat (420×640) gets `data: {"text": …}` events through its own connector (`connect: {url, stream: true}`). ' +
      'Script/layout/style/busy: main-thread time from a Chromium trace over the run (CDP `ScriptDuration` leaves out JavaScript run from microtasks — fetch stream readers, promise callbacks, Lit updates — and read 5–10× lower than the trace in spot checks). ' +
      'Long tasks: `PerformanceObserver` longtask (count / longest). Dropped frames: rAF gaps over 1.5 × 16.7 ms.',
    '',
    table(
      [
        'Candidate',
        'Script',
        'Layout',
        'Style',
        'Main thread busy',
        'Long tasks / longest',
        'Dropped frames',
        'Duration, rendered',
        'Notes',
      ],
      s.rows.map(line),
    ),
    '',
  ];
}

function longSection(l: LongThreadResults): string[] {
  const col = (f: (row: LongThreadRow) => string) => l.rows.map(f);
  const sum = (row: LongThreadRow) => row.summary;
  const sizes = l.items.map((n) => n.toLocaleString('en')).join(' and ');
  return [
    '## 4. Long threads',
    '',
    `Threads of ${sizes} messages (user and assistant alternating; assistant text with lists and code blocks), 420×640 inline, ${l.rows[0]?.runs.length ?? 0} runs each, every size and candidate in the same run. ` +
      'chat-widget: seeded into the memory store behind the real ChatKit handler and opened by setting `thread-id` (it asks for `threads.get_by_id` and the latest 40 items, `items.list` newest first, side by side over loopback, and renders those; older pages load while scrolling up, so the scroll figures include those requests). ' +
      'Deep Chat: the same texts set as its `history` property (already in the page, no network), up to 1,000 messages: it renders the whole history at once, and in trials 10,000 messages held its page for minutes. One warm-up open per candidate and size is not counted. Open = until every message the candidate shows on opening is rendered and a frame has passed. ' +
      `Scroll = from the latest message to the first loaded one in ${l.scrollSteps} steps, one per animation frame. Heap: JSHeapUsedSize after a forced GC.`,
    '',
    table(
      ['Metric', ...col((r) => `${r.candidate}, ${r.items.toLocaleString('en')}`)],
      [
        ['How it is opened', ...col((r) => r.how)],
        ['Open → rendered', ...col((r) => spread(sum(r)?.openMs, ' ms'))],
        ['Messages rendered on opening', ...col((r) => String(r.runs[0]?.messages ?? NA))],
        [
          'Latest message in view after opening',
          ...col((r) =>
            r.runs.length ? (r.runs.every((x) => x.openedAtBottom) ? 'yes' : 'no') : NA,
          ),
        ],
        ['JS heap after opening', ...col((r) => (sum(r) ? mb(sum(r)!.heapBytes.median) : NA))],
        [
          'Heap growth over the empty element',
          ...col((r) => (sum(r) ? mb(sum(r)!.heapGrowthBytes.median) : NA)),
        ],
        ['Scroll: dropped frames', ...col((r) => spread(sum(r)?.droppedFrames))],
        ['Scroll: longest frame', ...col((r) => spread(sum(r)?.longestFrame, ' ms'))],
        ['Scroll: longest task', ...col((r) => spread(sum(r)?.longestTask, ' ms'))],
        ['Notes', ...col((r) => r.error ?? '')],
      ],
    ),
    '',
  ];
}

function attachmentSection(a: AttachmentResults): string[] {
  const sum = a.summary;
  return [
    '## Attachment upload',
    '',
    `A ${mb(a.bytes)} PDF dropped on the inline widget's panel (attachments on, defaults), ${a.runs.length} runs: ` +
      '`attachments.create`, then the bytes as multipart (XMLHttpRequest, with upload progress) to the upload URL of the real ChatKit handler (memory store) over loopback, until the file shows as uploaded. ' +
      'Heap: JSHeapUsedSize after a forced GC before the drop, and the highest value sampled over CDP while uploading. ' +
      'Command: `BENCH_ONLY=attachments npm run bench`.',
    '',
    table(
      ['Metric', 'chat-widget'],
      [
        ['Drop → uploaded', spread(sum?.uploadMs, ' ms')],
        ['JS heap before (GC’d)', sum ? mb(sum.heapBeforeBytes.median) : NA],
        ['Peak JS heap while uploading', sum ? mb(sum.heapPeakBytes.median) : NA],
        ['Notes', a.error ?? ''],
      ],
    ),
    '',
  ];
}

function resumeSection(r: ResumeLatencyResults): string[] {
  return [
    '## Resume latency',
    '',
    'The real demo (one process, SQLite, its memory turn log) streams a `[[long]]` reply (a delta every 100 ms) into the launcher widget in Chromium. ' +
      `Mid-reply the browser context goes offline for ${r.offlineMs} ms (the widget drops the resumable stream at the \`offline\` event and waits), then online again. ` +
      "Measured in the page, on one clock: from the `online` event to the first change of the reply's text after it (a MutationObserver); " +
      'in between, the widget sends `threads.resume` with the last event id and the server replays what was missed. ' +
      `${r.cuts} cuts over ${r.replies} ${r.replies === 1 ? 'reply' : 'replies'}.`,
    '',
    table(
      ['', ''],
      [
        ['p50 / p90 / max', `${r.p50} ms / ${r.p90} ms / ${r.max} ms`],
        ['Samples (ms)', r.samples.join(', ')],
        [
          'Command',
          '`BENCH_ONLY=resume-latency npm run bench` (`RESUME_CUTS=n`, default 12), or alone: `RESUME_CUTS=8 node --import tsx bench/resume-latency.ts`',
        ],
      ],
    ),
    '',
  ];
}

function tokenSection(t: TokenResults): string[] {
  return [
    '## 5. Token manager',
    '',
    'Against the real Better Auth server from test-support/better-auth.ts (jwt, bearer, anonymous plugins; EdDSA). ' +
      'Only the manager’s clock is simulated (its `now`/`setTimeout` options); Better Auth and HTTP run in real time.',
    '',
    table(
      ['Scenario', 'Token requests', 'Goal'],
      [
        [
          `${t.concurrent.calls} concurrent getToken() after the token expired (timers frozen, as after sleep)`,
          `${t.concurrent.requests} (${t.concurrent.distinctTokens} distinct token)`,
          '1',
        ],
        [
          `${t.tabs.tabs} Chromium tabs (one context, own manager each, BroadcastChannel + Web Locks), ${t.tabs.callsPerTab} getToken() per tab at once after expiry, per round`,
          t.tabs.rounds.length ? t.tabs.rounds.join(', ') : `${NA} ${t.tabs.error ?? ''}`,
          '1 per round',
        ],
        [
          `${t.hour.simulatedSeconds / 60} simulated minutes, ${t.hour.lifetimeSeconds / 60}-minute tokens, getToken() every 10 s (${t.hour.getTokenCalls} calls)`,
          `${t.hour.requests} (expired tokens handed out: ${t.hour.expiredHandedOut})`,
          t.hour.goal,
        ],
      ],
    ),
    '',
    'Anchors (token-anchors.md §4.3, measured elsewhere, not re-run here): 50 concurrent calls near expiry → Firebase 50 requests, oidc-client-ts 50, auth0-spa-js 1, supabase auth-js 1.',
    '',
    'The hour count includes the first token. The manager renews a fixed margin before expiry — max(2 × expiry margin, min(60 s, lifetime / 20)), 15 s for a 5-minute token — ' +
      'minus up to 1 % of the lifetime of jitter, so a 5-minute token is renewed every ~4.7 minutes: 13 requests per hour with the first (it was 16 when renewing at 80 % of the lifetime), and never an expired token.',
    '',
  ];
}

const responderLabel = {
  none: 'responder never yields',
  macrotask: 'responder yields a turn per delta',
} as const;

function serverSection(s: ServerResults): string[] {
  return [
    '## 6. Server',
    '',
    `### Verification throughput (${s.verify.blocks} alternating blocks of ${s.verify.perBlock} sequential verify() calls each)`,
    '',
    'createJwksVerifier (keys from a local JWKS endpoint, cached) vs raw `jose.jwtVerify` with the key in hand (imported from the same JWK), both checking iss, aud, exp, sub and alg. Tokens signed with jose-generated keys; 64 distinct tokens per algorithm. ' +
      'Blocks alternate (ours, raw, raw, ours, …) and the ratio is taken per adjacent pair, which cancels most of the shared machine’s load swings; rates are median (min–max) over blocks.',
    '',
    table(
      [
        'Algorithm',
        'createJwksVerifier, verifies/s',
        'raw jose, verifies/s',
        'Ratio per block pair, median (IQR) — goal ≥ 0.90',
      ],
      s.verify.rows.map((v) => [
        v.alg,
        spread(v.ours),
        spread(v.raw),
        `${v.ratio.toFixed(2)}× (${v.ratios.q1.toFixed(2)}–${v.ratios.q3.toFixed(2)})`,
      ]),
    ),
    '',
    '### A new kid under load',
    '',
    `Both resolvers warmed with one key; then a second key is published and ${s.newKid.concurrent} tokens signed with it are verified concurrently.`,
    '',
    table(
      ['Resolver', 'JWKS downloads', 'Accepted', 'Time'],
      [
        [
          'createJwksVerifier',
          String(s.newKid.ours.fetches),
          `${s.newKid.ours.accepted}/${s.newKid.concurrent}`,
          `${num(s.newKid.ours.ms)} ms`,
        ],
        [
          'jose createRemoteJWKSet (defaults)',
          String(s.newKid.joseRemote.fetches),
          `${s.newKid.joseRemote.accepted}/${s.newKid.concurrent}`,
          `${num(s.newKid.joseRemote.ms)} ms`,
        ],
      ],
    ),
    '',
    'Anchors (token-anchors.md §4.2): on a random-kid flood jwks-rsa and get-jwks download once per token (1,000); jose and PyJWT download nothing inside their 30 s cooldown, so a real rotation is also rejected for up to 30 s.',
    '',
    'createJwksVerifier waits for its next allowed download (cooldown 5 s after the warm-up download), so the storm takes up to ~5 s and then all pass; jose rejects new kids for 30 s after a download (its cooldown).',
    '',
  ];
}

const storeLabel = {
  memory: 'memory',
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  bare: 'plain node:http, no handler',
} as const;
function variantLabel(c: ChatkitLoad): string {
  const instances = c.instances ?? 1;
  if (c.store === 'bare')
    return `${storeLabel.bare}, ${c.deltas === 1 ? 'one event per reply (the floor)' : `${c.deltas} deltas, no slicing`}`;
  return `${storeLabel[c.store ?? 'memory']}, ${instances} instance${instances > 1 ? 's' : ''}, ${responderLabel[c.responder]}`;
}

function chatkitSection(s: ChatkitLoadResults): string[] {
  const cols = s.variants;
  const c = cols[0];
  const loads = (v: ChatkitLoad) =>
    v.load?.length ? v.load.map((l) => l.toFixed(1)).join(', ') : NA;
  return [
    `## 7. ChatKit handler: ${c?.conversations} concurrent streaming conversations × ${c?.deltas} deltas`,
    '',
    'Our real `createChatKitHandler` in its own Node process (so RSS is the server’s), each request authenticated with a real Better Auth JWT ' +
      '(test-support/better-auth.ts, 20 signed-up users, EdDSA) checked by `createJwksVerifier` against Better Auth’s JWKS. ' +
      'The responder yields 500 deltas either all at once (an async generator that never awaits: without fair streaming one conversation would run to its end in a single macrotask) ' +
      'or one per event-loop turn (`await setImmediate()`, as a responder reading a model’s socket would). ' +
      'The turn log (resumable replies) is on, as in the demo: in memory beside memory and SQLite, in PostgreSQL beside PostgreSQL. Stores: memory; SQLite (better-sqlite3, a temp file); PostgreSQL 15 (Debian binaries, a throw-away cluster on the same machine from test-support/postgres.ts, a fresh database per run, `pg.Pool` of 20). ' +
      'Memory and SQLite are single-instance by nature (each process would hold its own threads); two instances = two server processes sharing the PostgreSQL database behind a plain round-robin proxy ' +
      '(bench/servers/round-robin-proxy.ts, node:http, streams piped as they arrive). ' +
      `Load generator: ${c?.conversations} concurrent \`threads.create\` POSTs over loopback from the bench process, raw sockets (one connection each, \`Connection: close\`) so the generator costs as little CPU as possible; ` +
      `${c?.runs} runs per variant, fresh server process(es) each run: one warm-up conversation per instance, then two bursts of ${c?.conversations}. ` +
      'The first burst meets a process whose code the JIT has not optimised yet (“fresh process” rows); the second, on the same process, is the steady state of a server that has been up for a while: the headline rows and the goal. ' +
      'The last two columns are not our handler but references on the same machine in the same run: plain node:http reading the same request and answering with the same SSE shape (the first event at once, then the deltas 64 per event-loop turn, no fair slicing), without auth, store, validation or turn log; and the same answering one event only, the floor any Node server starts from here. ' +
      '**Time to first event** = that conversation’s TCP connection established → first bytes holding `data:` (the server’s first SSE event) at the client. ' +
      '“From the common start” counts from the moment all requests were issued (it adds the generator’s own time to open 200 sockets). ' +
      'Server side: connection accepted → first body write, measured inside the server process(es); its CPU-time row counts the server’s own CPU (user + system) from the burst’s first accepted connection, which the other agents’ load on the shared cores does not inflate. Node accepts one connection per event-loop iteration, so the wall-clock p99 is dominated by how often the loop turns (see the server README, Fair streaming).',
    '',
    table(
      ['Metric', ...cols.map(variantLabel)],
      [
        [
          `Time to first event, p99 (goal ≤ ${s.goalMs} ms, never-yielding responder)`,
          ...cols.map((v) => spread(v.ttfeP99, ' ms')),
        ],
        ['Time to first event, p50', ...cols.map((v) => spread(v.ttfeP50, ' ms'))],
        [
          'Fresh process (first burst): time to first event, p99',
          ...cols.map((v) => (v.coldTtfeP99 ? spread(v.coldTtfeP99, ' ms') : NA)),
        ],
        [
          'Fresh process (first burst): all conversations done',
          ...cols.map((v) => (v.coldTotalMs ? spread(v.coldTotalMs, ' ms') : NA)),
        ],
        [
          'First event from the common start, p99',
          ...cols.map((v) => spread(v.ttfeFromStartP99, ' ms')),
        ],
        [
          'Server side: accepted → first write, p99',
          ...cols.map((v) => spread(v.serverAcceptP99, ' ms')),
        ],
        [
          'Server CPU time, first accept → first write, p99 (what a dedicated core would show)',
          ...cols.map((v) => spread(v.serverCpuToFirstWriteP99, ' ms')),
        ],
        ['All conversations done', ...cols.map((v) => spread(v.totalMs, ' ms'))],
        ['Peak RSS (all server processes)', ...cols.map((v) => spread(v.peakRssMB, ' MB'))],
        ['RSS at start', ...cols.map((v) => spread(v.baselineRssMB, ' MB'))],
        [
          'Complete streams',
          ...cols.map((v) => (v.error ? `failed: ${v.error}` : `${v.complete}/${v.expected}`)),
        ],
        ['Load average (1 min) after each run', ...cols.map(loads)],
      ],
    ),
    '',
    ...floorNote(cols, s.goalMs),
  ];
}

/** Our memory-store p99 against the plain node:http floor measured in the same run. */
function floorNote(cols: ChatkitLoad[], goalMs: number): string[] {
  const ours = cols.find((v) => v.store === 'memory' && v.responder === 'none' && !v.error);
  const floor = cols.find((v) => v.store === 'bare' && v.deltas === 1 && !v.error);
  const plain = cols.find((v) => v.store === 'bare' && v.deltas !== 1 && !v.error);
  if (!ours || !floor) return [];
  const ratio = ours.ttfeP99.median / floor.ttfeP99.median;
  return [
    `**Against the floor.** On this machine plain node:http answering one event per request has a first-event p99 of ${med(floor.ttfeP99, ' ms')} for ${floor.conversations} concurrent connections; ` +
      `our handler (memory store, JWT checked, thread stored, turn log, 500 deltas streamed) has ${med(ours.ttfeP99, ' ms')}, ${ratio.toFixed(1)} × the floor` +
      (plain
        ? `; plain node:http streaming the same 500 deltas without fair slicing has ${med(plain.ttfeP99, ' ms')}. `
        : '. ') +
      (floor.ttfeP99.median <= goalMs
        ? 'The floor is under the goal, so Node on this machine can meet it: what is over it is our handler’s own work per request (the JWT check, storing the thread and the user message, the turn log, the JSON of every event) and the streams already running. ' +
          'In a CPU profile of the burst (`BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" node --import tsx bench/chatkit-load.ts none 1 memory`) garbage collection is the largest single cost, then the loopback `writev` calls (~0.3 ms each on this microVM).'
        : 'The floor itself is over the goal here: accepting, parsing and answering a connection costs that much on this machine (a microVM where every syscall is expensive), shared with the load generator on the same two cores.'),
    '',
  ];
}

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`${m.command}\` (bench/run.ts) on ${m.date}${m.quick ? ' — QUICK MODE (small counts, not for comparison)' : ''}. ` +
      'Ratios between candidates are what count: every candidate was measured in the same run on the same machine. ' +
      'Raw JSON: bench/results/ (gitignored). Timing never fails CI; only the size budget is a test.',
    '',
  ];
  out.push(...headline(r));
  out.push(
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpuModel}, nproc = ${m.nproc}`],
        ['Memory (free -h)', `\`${m.memory.replace(/\s+/g, ' ')}\``],
        [
          'Load average at the end (1/5/15 min)',
          `${m.loadAverage.join(' / ')} — the machine is shared with other agents; absolute times are noisy`,
        ],
        ['Node', m.node],
        ['Chromium', `${m.chromium} (Debian, headless, e2e/chromium.ts flags)`],
        ['Commit', m.commit],
        ['Build', r.build],
        ['Command', `\`${m.command}\``],
        [
          'Run time',
          `${r.totalSeconds.toFixed(0)} s (${Object.entries(r.timings)
            .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
            .join(', ')})`,
        ],
        [
          'Peers',
          Object.entries(r.peers)
            .map(([k, p]) => `${k} ${p.version}${p.error ? ` (n/a: ${p.error})` : ''}`)
            .join(', '),
        ],
      ],
    ),
    '',
  );
  if (r.results.size) out.push(...sizeSection(r.results.size));
  if (r.results.load) out.push(...loadSection(r.results.load, r.counts.loadRuns ?? 0));
  if (r.results.streaming)
    out.push(...streamSection(r.results.streaming, r.counts.streamRuns ?? 0));
  if (r.results['long-thread']) out.push(...longSection(r.results['long-thread']));
  if (r.results.token) out.push(...tokenSection(r.results.token));
  if (r.results.server) out.push(...serverSection(r.results.server));
  if (r.results.attachments) out.push(...attachmentSection(r.results.attachments));
  if (r.results['chatkit-load']) out.push(...chatkitSection(r.results['chatkit-load']));
  if (r.results['resume-latency']) out.push(...resumeSection(r.results['resume-latency']));
  const failed = Object.entries(r.errors);
  if (failed.length) {
    out.push('## Suites that failed in this run', '');
    for (const [name, error] of failed) out.push(`- ${name}: ${error.split('\n')[0]}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
