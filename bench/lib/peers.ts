// The peers' script-tag files. deep-chat and flowise-embed come from the bench
// workspace's node_modules; @n8n/chat cannot be installed here (a transitive
// version is missing from the registry), so its tarball is fetched with
// `npm pack` into bench/.peers/ (gitignored) and n/a is reported if that fails.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const rootDir = resolve(benchDir, '..');
export const N8N_VERSION = '1.37.0';

export interface PeerFiles {
  /** Script-tag entry, absolute path; null when unavailable. */
  script: string | null;
  /** Stylesheet the peer needs beside its script, if any. */
  css?: string | null;
  version: string;
  /** Why the peer is missing. */
  error?: string;
  /** Script format: a classic script or an ES module. */
  module: boolean;
}

const require = createRequire(join(benchDir, 'package.json'));

function packageFile(name: string, file: string): { path: string; version: string } | null {
  try {
    const pkgJson = require.resolve(`${name}/package.json`);
    const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
    const path = join(dirname(pkgJson), file);
    return existsSync(path) ? { path, version } : null;
  } catch {
    return null;
  }
}

export function deepChat(): PeerFiles {
  const found = packageFile('deep-chat', 'dist/deepChat.bundle.js');
  return found
    ? { script: found.path, version: found.version, module: true }
    : { script: null, version: 'n/a', module: true, error: 'deep-chat is not installed' };
}

export function flowise(): PeerFiles {
  const found = packageFile('flowise-embed', 'dist/web.js');
  return found
    ? { script: found.path, version: found.version, module: true }
    : { script: null, version: 'n/a', module: true, error: 'flowise-embed is not installed' };
}

/** @n8n/chat's UMD bundle + style.css, fetched once into bench/.peers/n8n-chat-<version>/. */
export function n8nChat(): PeerFiles {
  const dir = join(benchDir, '.peers', `n8n-chat-${N8N_VERSION}`);
  const script = join(dir, 'chat.bundle.umd.js');
  const css = join(dir, 'style.css');
  if (existsSync(script) && existsSync(css)) {
    return { script, css, version: N8N_VERSION, module: false };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bench-n8n-'));
  try {
    execFileSync(
      'npm',
      ['pack', `@n8n/chat@${N8N_VERSION}`, '--pack-destination', tmp, '--silent'],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
    const tarball = join(tmp, `n8n-chat-${N8N_VERSION}.tgz`);
    execFileSync(
      'tar',
      ['-xzf', tarball, '-C', tmp, 'package/dist/chat.bundle.umd.js', 'package/dist/style.css'],
      { timeout: 60_000 },
    );
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(tmp, 'package/dist/chat.bundle.umd.js'), script);
    copyFileSync(join(tmp, 'package/dist/style.css'), css);
    writeFileSync(join(dir, 'SOURCE'), `npm pack @n8n/chat@${N8N_VERSION}\n`);
    return { script, css, version: N8N_VERSION, module: false };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    return { script: null, css: null, version: N8N_VERSION, module: false, error: message };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface Peers {
  deepChat: PeerFiles;
  flowise: PeerFiles;
  n8n: PeerFiles;
}

export const loadPeers = (): Peers => ({
  deepChat: deepChat(),
  flowise: flowise(),
  n8n: n8nChat(),
});
