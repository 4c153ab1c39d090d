// 1. Bundle size: min+gzip and min+brotli of the script-tag build and of the
// ESM entry bundled with its dependencies, beside each peer's script-tag file,
// plus what each dependency costs inside the ESM bundle (esbuild metafile).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir, type Peers, rootDir } from '../lib/peers.ts';

export interface FileSize {
  name: string;
  file: string | null;
  version: string;
  raw: number | null;
  gzip: number | null;
  brotli: number | null;
  note?: string;
}

export interface DependencyCost {
  group: string;
  bytes: number;
  share: number;
  /** Share of the gzip size, assuming every group compresses like the whole bundle (an estimate). */
  gzipEstimate: number;
}

export interface SizeResults {
  files: FileSize[];
  esmDependencies: DependencyCost[];
  esmTotal: { raw: number; gzip: number; brotli: number };
  /** Every chunk together (locale packs aside) ≤ 55 KB gzip. */
  budget: { limit: number; actual: number | null; ok: boolean | null };
  /** chat-widget.js + the loader chunk (what a page loads before the panel opens) ≤ 12 KB gzip. */
  firstLoadBudget: { limit: number; actual: number | null; ok: boolean | null };
}

/** The script-tag build: chat-widget.js, the loader chunk it imports, and every chunk. */
function scriptTagFiles(): { firstLoad: string[]; all: string[] } {
  const cdn = join(rootDir, 'packages/widget/dist/cdn');
  const tag = join(cdn, 'chat-widget.js');
  if (!existsSync(tag)) return { firstLoad: [tag], all: [tag] };
  const loader = /new URL\("([^"]+\.js)"/.exec(readFileSync(tag, 'utf8'))?.[1];
  const chunks = existsSync(join(cdn, 'chunks'))
    ? readdirSync(join(cdn, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(cdn, 'chunks', f))
    : [];
  return { firstLoad: loader ? [tag, join(cdn, loader)] : [tag], all: [tag, ...chunks] };
}

export const gzip = (data: Buffer | string) =>
  gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;
export const brotli = (data: Buffer | string) =>
  brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;

// Brotli at quality 11 takes seconds per MB: remember results by content hash.
const cachePath = join(benchDir, '.peers', 'size-cache.json');
let cache: Record<string, { gzip: number; brotli: number }> | undefined;
function compressed(data: Buffer): { gzip: number; brotli: number } {
  if (!cache) {
    try {
      cache = JSON.parse(readFileSync(cachePath, 'utf8')) as typeof cache;
    } catch {
      cache = {};
    }
  }
  const key = createHash('sha256').update(data).digest('hex');
  let hit = cache![key];
  if (!hit) {
    hit = { gzip: gzip(data), brotli: brotli(data) };
    cache![key] = hit;
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(cachePath, JSON.stringify(cache));
  }
  return hit;
}

function measure(
  name: string,
  version: string,
  paths: (string | null | undefined)[],
  note?: string,
): FileSize {
  const present = paths.filter((p): p is string => !!p && existsSync(p));
  if (present.length === 0 || present.length !== paths.length) {
    return {
      name,
      file: null,
      version,
      raw: null,
      gzip: null,
      brotli: null,
      note: note ?? 'unavailable',
    };
  }
  // Each file is transferred on its own: sum the compressed sizes.
  const datas = present.map((p) => readFileSync(p));
  return {
    name,
    file: present.map((p) => relative(rootDir, p)).join(' + '),
    version,
    raw: datas.reduce((n, d) => n + d.length, 0),
    gzip: datas.reduce((n, d) => n + compressed(d).gzip, 0),
    brotli: datas.reduce((n, d) => n + compressed(d).brotli, 0),
    ...(note ? { note } : {}),
  };
}

/** Which part of the product an input file belongs to. */
function groupOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  if (/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(p)) return 'Lit';
  if (p.includes('node_modules/jose/')) return 'jose (decodeJwt, decodeProtectedHeader)';
  if (p.includes('node_modules/')) return `other: ${p.split('node_modules/')[1]?.split('/')[0]}`;
  if (p.includes('packages/auth/src/')) return '@chat-widget/auth (token manager)';
  if (p.includes('packages/protocol/src/')) return '@chat-widget/protocol (client, SSE, reducer)';
  if (
    p.includes('packages/widget/src/markdown/') ||
    p.includes('packages/widget/src/internal/plain-text')
  )
    return 'markdown renderer';
  if (p.endsWith('.styles.ts') || p.endsWith('icons.ts')) return 'element CSS + icons';
  if (p.includes('packages/widget/src/')) return 'element code';
  return 'other';
}

export async function runSize(peers: Peers): Promise<SizeResults> {
  const iife = join(rootDir, 'packages/widget/dist/cdn/chat-widget.js');
  const result = await build({
    entryPoints: [join(rootDir, 'packages/widget/src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    metafile: true,
    outfile: join(rootDir, 'bench/results/esm-entry.js'),
    tsconfig: join(rootDir, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const esmCode = Buffer.from(out.contents);
  const esmTotal = { raw: esmCode.length, gzip: gzip(esmCode), brotli: brotli(esmCode) };

  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const group = groupOf(path);
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  const inputsTotal = [...groups.values()].reduce((a, b) => a + b, 0);
  const esmDependencies = [...groups.entries()]
    .map(([group, bytes]) => ({
      group,
      bytes,
      share: bytes / inputsTotal,
      gzipEstimate: Math.round((bytes / inputsTotal) * esmTotal.gzip),
    }))
    .sort((a, b) => b.bytes - a.bytes);

  const scriptTag = scriptTagFiles();
  const files: FileSize[] = [
    measure(
      'chat-widget (script tag, every chunk)',
      '0.1.0',
      scriptTag.all,
      existsSync(iife) ? undefined : 'run npm run build',
    ),
    measure(
      'chat-widget (first load: chat-widget.js + loader chunk)',
      '0.1.0',
      scriptTag.firstLoad,
      existsSync(iife) ? undefined : 'run npm run build',
    ),
    {
      name: 'chat-widget (ESM entry + deps, esbuild --bundle --minify)',
      file: 'packages/widget/src/index.ts',
      version: '0.1.0',
      ...esmTotal,
    },
    measure(`deep-chat`, peers.deepChat.version, [peers.deepChat.script], peers.deepChat.error),
    measure('flowise-embed', peers.flowise.version, [peers.flowise.script], peers.flowise.error),
    measure(
      '@n8n/chat (UMD + style.css)',
      peers.n8n.version,
      [peers.n8n.script, peers.n8n.css],
      peers.n8n.error,
    ),
  ];
  const budget = (limit: number, actual: number | null) => ({
    limit,
    actual,
    ok: actual === null ? null : actual <= limit,
  });
  return {
    files,
    esmDependencies,
    esmTotal,
    budget: budget(55 * 1024, files[0]!.gzip),
    firstLoadBudget: budget(12 * 1024, files[1]!.gzip),
  };
}
