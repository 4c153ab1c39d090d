// `npm run bench`: measures chat-widget beside its peers in one run on one
// machine, writes raw JSON to bench/results/ and rewrites BENCHMARKS.md.
// Ratios are what count; absolute numbers depend on the machine and its load.
//   BENCH_QUICK=1      small counts, for development (writes bench/results/BENCHMARKS.quick.md)
//   BENCH_ONLY=a,b     only these suites: size, server, chatkit-load, token, load, streaming, long-thread, attachments,
//                      resume-latency; their sections and headline rows replace those in BENCHMARKS.md, the rest stays
//   RESUME_CUTS=n      resume-latency: offline cuts to time (default 12; 4 with BENCH_QUICK)
//   BENCH_SKIP_BUILD=1 measure the existing packages/widget/dist instead of running `npm run build`
// Benchmarks never fail on timing: the exit code is 0 unless the harness itself broke.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchBrowser } from './lib/browser.ts';
import { machineInfo } from './lib/machine.ts';
import { mergeMarkdown } from './lib/merge.ts';
import { benchDir, loadPeers, rootDir } from './lib/peers.ts';
import { startSite } from './lib/site.ts';
import { renderMarkdown } from './render.ts';
import { runAttachments } from './suites/attachments.ts';
import { runChatkitLoad } from './suites/chatkit-load.ts';
import { runLoad } from './suites/load.ts';
import { runLongThread } from './suites/long-thread.ts';
import { runResumeLatency } from './suites/resume-latency.ts';
import { runServer } from './suites/server.ts';
import { runSize } from './suites/size.ts';
import { runStreaming } from './suites/streaming.ts';
import { runToken } from './suites/token.ts';

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wants = (suite: string) => !only || only.includes(suite);

export const counts = quick
  ? { loadRuns: 3, streamRuns: 1, streamDeltas: 400, longRuns: 2 }
  : { loadRuns: 20, streamRuns: 5, streamDeltas: 2000, longRuns: 5 };

const started = performance.now();
const log = (message: string) =>
  console.log(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`,
  );

const results: Record<string, unknown> = {};
const timings: Record<string, number> = {};
const errors: Record<string, string> = {};

async function suite<T>(name: string, fn: () => Promise<T>): Promise<void> {
  if (!wants(name)) return;
  log(`${name}…`);
  const t0 = performance.now();
  try {
    results[name] = await fn();
  } catch (error) {
    errors[name] = (error as Error).stack ?? String(error);
    log(`${name} FAILED: ${(error as Error).message}`);
  }
  timings[name] = (performance.now() - t0) / 1000;
  log(`${name} done in ${timings[name]!.toFixed(1)} s`);
}

let build = 'skipped (BENCH_SKIP_BUILD=1)';
if (process.env.BENCH_SKIP_BUILD !== '1') {
  log('npm run build…');
  try {
    execSync('npm run build', { cwd: rootDir, stdio: ['ignore', 'ignore', 'pipe'] });
    build = 'npm run build: ok';
  } catch (error) {
    build = `npm run build FAILED (measuring the existing dist): ${String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 300)}`;
    log(build);
  }
}

log('peers…');
const peers = loadPeers();
for (const [name, peer] of Object.entries(peers)) {
  if (peer.error) log(`peer ${name} unavailable: ${peer.error}`);
}

await suite('size', () => runSize(peers));
await suite('server', () => runServer(quick));
await suite('chatkit-load', () => runChatkitLoad(quick));

const browser = await launchBrowser();
const chromium = browser.version();
const site = await startSite(peers);
try {
  await suite('token', () => runToken(browser, quick));
  await suite('load', () => runLoad(browser, site, peers, counts.loadRuns));
  await suite('streaming', () =>
    runStreaming(browser, site, peers, {
      runs: counts.streamRuns,
      deltas: counts.streamDeltas,
      ratePerSecond: 200,
    }));
  await suite('long-thread', () =>
    runLongThread(browser, site, peers, {
      runs: counts.longRuns,
      items: [1000, 10_000],
      scrollSteps: 60,
    }));
  await suite('attachments', () =>
    runAttachments(browser, site, { runs: quick ? 2 : 5, bytes: 5 * 1024 * 1024 }));
  await suite('resume-latency', () =>
    runResumeLatency(browser, Number(process.env.RESUME_CUTS ?? (quick ? 4 : 12))));
} finally {
  await site.close();
  await browser.close();
}

const totalSeconds = (performance.now() - started) / 1000;
const machine = machineInfo(quick, chromium);
const report = {
  machine,
  build,
  counts,
  peers: Object.fromEntries(
    Object.entries(peers).map(([k, p]) => [k, { version: p.version, error: p.error ?? null }]),
  ),
  results,
  errors,
  timings,
  totalSeconds,
};

const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const stamp = machine.date.replace(/[:.]/g, '-');
writeFileSync(
  join(resultsDir, `${stamp}${quick ? '-quick' : ''}.json`),
  JSON.stringify(report, null, 2),
);
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
const markdown = renderMarkdown(report);
const benchmarks = join(rootDir, 'BENCHMARKS.md');
const written: string[] = [];
const write = (path: string, text: string) => {
  writeFileSync(path, text);
  written.push(path.replace(`${rootDir}/`, ''));
};
if (quick || only) write(join(resultsDir, 'BENCHMARKS.partial.md'), markdown);
if (!quick && !only) write(benchmarks, markdown);
// A partial run replaces only its own sections and headline rows in BENCHMARKS.md.
if (!quick && only && existsSync(benchmarks) && Object.keys(results).length) {
  const note =
    `*Re-measured on ${machine.date} with \`${machine.command}\` (commit ${machine.commit}, ` +
    `load average at the end ${machine.loadAverage.join(' / ')} on ${machine.nproc} shared cores); ` +
    'the other sections are from the runs named at the top.*';
  write(benchmarks, mergeMarkdown(readFileSync(benchmarks, 'utf8'), markdown, note));
}
log(`wrote ${written.join(', ')} and bench/results/latest.json`);
log(`total ${totalSeconds.toFixed(0)} s`);
// A suite that threw is a broken harness (not a slow result): say so in the exit code.
if (Object.keys(errors).length) {
  log(`failed suites: ${Object.keys(errors).join(', ')}`);
  process.exitCode = 1;
}
