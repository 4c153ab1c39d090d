// Just the resume-latency suite (network back → next delta on screen), without the other
// suites: `npm run build` first (the demo serves packages/widget/dist), then
//   RESUME_CUTS=8 node --import tsx bench/resume-latency.ts        (default 12 cuts)
// `BENCH_ONLY=resume-latency npm run bench` runs the same suite and updates BENCHMARKS.md.
// Prints the JSON and the BENCHMARKS.md goal row; never fails on timing.
import { launchBrowser } from './lib/browser.ts';
import { resumeGoalRow } from './render.ts';
import { runResumeLatency } from './suites/resume-latency.ts';

const browser = await launchBrowser();
const result = await runResumeLatency(browser, Number(process.env.RESUME_CUTS ?? 12)).finally(() =>
  browser.close(),
);
console.log(JSON.stringify(result));
console.log(`| ${resumeGoalRow(result).join(' | ')} |`);
