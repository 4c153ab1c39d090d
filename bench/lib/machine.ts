// What the numbers were measured on: they only compare within one run.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  date: string;
  command: string;
  nproc: number;
  cpuModel: string;
  memory: string;
  loadAverage: number[];
  node: string;
  chromium: string;
  commit: string;
  quick: boolean;
}

const run = (cmd: string) => {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'n/a';
  }
};

/** The command line that reproduces this run, with the variables that change what runs. */
function benchCommand(): string {
  const vars = ['BENCH_QUICK', 'BENCH_ONLY', 'BENCH_SKIP_BUILD', 'RESUME_CUTS']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]}`);
  return [...vars, 'npm run bench'].join(' ');
}

export function machineInfo(quick: boolean, chromium: string): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'n/a';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  const free = run('free -h');
  return {
    date: new Date().toISOString(),
    command: benchCommand(),
    nproc: availableParallelism(),
    cpuModel,
    memory:
      free === 'n/a'
        ? `${(totalmem() / 2 ** 30).toFixed(1)} GiB total`
        : (free.split('\n')[1] ?? ''),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    chromium,
    commit: run('git rev-parse --short HEAD'),
    quick,
  };
}
