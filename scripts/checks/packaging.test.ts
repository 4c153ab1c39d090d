// Every published package must pass the ecosystem's packaging checks:
// publint --strict, are-the-types-wrong (ESM types resolve under node16 and
// bundler), and a strict install (pnpm, nothing hoisted) of the packed tarballs in
// which a consumer typechecks. They read the built dist/, so `npm run build` must have run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const packages = ['auth', 'protocol', 'widget', 'server'];

for (const dir of packages) {
  const cwd = join(root, 'packages', dir);
  const { name, exports } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, { default?: string } | string>;
  };

  test(`${name}: every export is built`, () => {
    for (const [subpath, target] of Object.entries(exports)) {
      const file = typeof target === 'string' ? target : target.default;
      assert.ok(file, `${subpath} has no default target`);
      assert.ok(
        existsSync(join(cwd, file)),
        `${name}${subpath.slice(1)} → ${file} missing; run npm run build`,
      );
    }
  });

  test(`${name}: publint --strict`, async () => {
    const { stdout } = await run(bin('publint'), ['--strict'], { cwd });
    assert.match(stdout, /All good!/, stdout);
  });

  test(`${name}: are-the-types-wrong (node16 ESM, bundler)`, async () => {
    // attw exits non-zero on any problem in the esm-only profile.
    await run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], { cwd });
  });
}

// React is an optional peer for one entry only: `@chat-widget/element/react18`. Any other
// file importing it would make every bundle that uses the element need React, and
// @lit/react is a dev dependency, so it must be bundled into that entry, never imported.
test('@chat-widget/element: only the react18 entry imports react; nothing imports @lit/react', () => {
  const dist = join(root, 'packages', 'widget', 'dist');
  const importers: Record<string, string[]> = { react: [], '@lit/react': [] };
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    for (const name of Object.keys(importers)) {
      // `from 'react'`, `from"react/jsx-runtime"`, `import('react')`: names hold no regex specials.
      const imports = new RegExp(`(?:from|import)\\s*\\(?\\s*['"]${name}(?:/[^'"]*)?['"]`);
      if (imports.test(code)) importers[name]!.push(file);
    }
  }
  assert.deepEqual(importers, { react: ['react18.js', 'react18.node.js'], '@lit/react': [] });
});

// A consumer with a strict package manager sees only what each package declares: a
// .d.ts that imports an undeclared package (say `lit-html` next to `lit`) fails here,
// although it resolves in this repo's hoisted node_modules.
const CONSUMER = `import { createTokenManager, type TokenManager } from '@chat-widget/auth';
import { ChatWidget, type ChatWidgetTheme } from '@chat-widget/element';
import { ChatWidget as ChatWidget18, type ChatWidgetElement } from '@chat-widget/element/react18';
import { createChatKitClient } from '@chat-widget/protocol';
import { createJwksVerifier } from '@chat-widget/server/auth';
import { createChatKitHandler, createMemoryStore } from '@chat-widget/server/chatkit';
import type { ComponentProps, RefObject } from 'react';

const theme: ChatWidgetTheme = 'dark';
const widget = document.createElement('chat-widget');
widget.theme = theme;
// @ts-expect-error the types are real, not \`any\` from an unresolved import
widget.theme = 'sepia';
const ready: Promise<boolean> = widget.updateComplete;
const element: HTMLElement = new ChatWidget();
const manager: TokenManager = createTokenManager({ authUrl: 'https://auth.example.com/api/auth' });
// The React 18 component, typed with @types/react 18 (the element's optional peer).
type Props18 = ComponentProps<typeof ChatWidget18>;
const props18: Props18 = {
  apiUrl: '/api/chatkit',
  getToken: async () => null,
  onChatResponseEnd: (event) => void event.detail.text.length,
};
// @ts-expect-error getToken is a function, not a string
const badProps18: Props18 = { getToken: 'nope' };
const ref18: RefObject<ChatWidgetElement> = { current: element as ChatWidgetElement };
export { createChatKitClient, createJwksVerifier, createChatKitHandler, createMemoryStore };
export { element, manager, ready, props18, badProps18, ref18 };
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    // How a web app that bundles the element resolves it. (Under NodeNext with skipLibCheck
    // off, @openai/chatkit's own extensionless imports fail: not ours to fix.)
    module: 'Preserve',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    // Check the packages' declaration files too: an unresolved import in one is the failure.
    skipLibCheck: false,
    // ...but not TypeScript's own lib files (DOM): only cost, no signal.
    skipDefaultLibCheck: true,
    noEmit: true,
  },
  files: ['consumer.ts'],
};

test('strict install (pnpm, no hoisting) of the packed tarballs: a consumer typechecks', {
  timeout: 300_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-widget-strict-'));
  try {
    // One npm process packs all four (what `npm publish` would upload).
    const workspaces = packages.flatMap((pkg) => ['-w', `packages/${pkg}`]);
    await run('npm', ['pack', '--silent', '--pack-destination', dir, ...workspaces], { cwd: root });
    const tarballs: Record<string, string> = {};
    for (const pkg of packages) {
      const { name, version } = JSON.parse(
        readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'),
      ) as { name: string; version: string };
      const file = `${name.slice(1).replace('/', '-')}-${version}.tgz`;
      assert.ok(existsSync(join(dir, file)), `npm pack did not write ${file}`);
      tarballs[name] = `file:./${file}`;
    }
    const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'strict-consumer',
        private: true,
        type: 'module',
        dependencies: {
          ...tarballs,
          '@types/node': devDependencies['@types/node'],
          // React 18's types: @chat-widget/element/react18's .d.ts must resolve with them.
          '@types/react': '18.3.32',
        },
        // The workspace packages depend on each other by version: take them from the tarballs.
        pnpm: { overrides: tarballs },
      }),
    );
    // Nothing hoisted, not even into node_modules/.pnpm/node_modules.
    writeFileSync(
      join(dir, '.npmrc'),
      'hoist=false\npublic-hoist-pattern=\nauto-install-peers=false\n',
    );
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    await run(bin('pnpm'), ['install', '--prefer-offline', '--reporter=silent'], { cwd: dir });
    assert.ok(
      !existsSync(join(dir, 'node_modules', 'lit-html')),
      'pnpm hoisted a transitive dependency: the install is not strict',
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', dir]).catch((error: { stdout?: string }) => {
      assert.fail(`the consumer does not typecheck:\n${error.stdout ?? error}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
