// The host page shows the token manager's state, so it creates the manager
// itself and hands it to the widget. This bundles @chat-widget/auth (from the
// workspace sources, with its dependencies) into one browser ES module, once
// per start, in memory.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Bundle {
  code: string;
  map?: string;
}

export async function bundleTokenManager(): Promise<Bundle> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: "export { createTokenManager, TokenError } from '@chat-widget/auth';",
      resolveDir: repoRoot,
      sourcefile: 'token-manager-entry.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    tsconfig: resolve(repoRoot, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for @chat-widget/auth');
  return { code: file.text };
}
