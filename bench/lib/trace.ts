// Main-thread time by kind from a Chromium trace. CDP's Performance.getMetrics
// ScriptDuration leaves out JavaScript run from microtasks (fetch stream
// readers, promise callbacks, Lit updates), which is most of a streaming
// client's work, so script/layout/style time is taken from the trace instead.
import type { Browser, Page } from '@playwright/test';

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  // RunMicrotasks lives here.
  'v8.execute',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const SCRIPT = new Set([
  'RunMicrotasks',
  'FunctionCall',
  'EvaluateScript',
  'v8.evaluateModule',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
  'v8.callFunction',
  'XHRReadyStateChange',
  'v8.compile',
  'v8.compileModule',
]);
const LAYOUT = new Set(['Layout']);
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation']);
const PAINT = new Set(['Paint', 'PrePaint', 'Layerize', 'Commit']);

type Interval = [number, number];

function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
const length = (u: Interval[]) => u.reduce((n, [s, e]) => n + (e - s), 0);
function intersection(a: Interval[], b: Interval[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (e > s) total += e - s;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return total;
}

export interface MainThreadTimes {
  /** JavaScript, minus layout and style it forced (ms). */
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  paintMs: number;
  /** Main thread busy (union of tasks, ms). */
  busyMs: number;
  /** Tasks over 50 ms on the main thread. */
  longTasks: number;
  longestTaskMs: number;
}

export function mainThreadTimes(buffer: Buffer): MainThreadTimes {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  // The renderer main thread with the most complete events is the page's.
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && mains.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (process.env.BENCH_DEBUG_TRACE) {
    const layoutBy = new Map<string, number>();
    for (const e of events) {
      if (e.ph === 'X' && e.name === 'Layout') {
        const key = `${e.pid}:${e.tid}`;
        layoutBy.set(key, (layoutBy.get(key) ?? 0) + (e.dur ?? 0) / 1000);
      }
    }
    console.log('trace mains', [...counts.entries()], 'chosen', main, 'layout by thread', [
      ...layoutBy.entries(),
    ]);
  }
  const on = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur);
  const pick = (names: Set<string>) =>
    union(on.filter((e) => names.has(e.name)).map((e): Interval => [e.ts, e.ts + e.dur!]));
  const script = pick(SCRIPT);
  const layout = pick(LAYOUT);
  const style = pick(STYLE);
  const paint = pick(PAINT);
  const tasks = on.filter((e) => e.name === 'RunTask');
  const rendering = union([...layout, ...style]);
  const ms = (us: number) => us / 1000;
  return {
    scriptMs: ms(length(script) - intersection(script, rendering)),
    layoutMs: ms(length(layout)),
    styleMs: ms(length(style) - intersection(style, layout)),
    paintMs: ms(length(paint)),
    busyMs: ms(length(union(tasks.map((e): Interval => [e.ts, e.ts + e.dur!])))),
    longTasks: tasks.filter((e) => e.dur! > 50_000).length,
    longestTaskMs: ms(Math.max(0, ...tasks.map((e) => e.dur!))),
  };
}

/** Traces `work` on `page` and returns its main-thread times. */
export async function traced<T>(
  browser: Browser,
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; times: MainThreadTimes }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await browser.stopTracing().catch(() => {});
    throw error;
  }
  const buffer = await browser.stopTracing();
  return { result, times: mainThreadTimes(buffer) };
}
