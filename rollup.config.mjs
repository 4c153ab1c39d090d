// Builds every package: ESM + .d.ts for npm (dependencies external), and the
// widget's self-contained IIFE for a script tag. Packages whose entry does not
// exist yet are skipped, so a half-built workspace still builds.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/build/minify-templates.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = (dir, file) => resolve(root, 'packages', dir, file);

/** Entries per package directory: output name (under dist/) → source file. */
const packages = {
  auth: { index: 'src/index.ts' },
  protocol: { index: 'src/index.ts' },
  widget: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    // Type-only subpaths (framework JSX/template augmentations); their .js is empty.
    'types/react': 'src/types/react.ts',
    'types/vue': 'src/types/vue.ts',
    'types/svelte': 'src/types/svelte.ts',
  },
  server: {
    index: 'src/index.ts',
    'auth/index': 'src/auth/index.ts',
    'chatkit/index': 'src/chatkit/index.ts',
    'agents/index': 'src/agents/index.ts',
    'ai-sdk/index': 'src/ai-sdk/index.ts',
    'fastify/index': 'src/fastify/index.ts',
    edge: 'src/edge.ts',
  },
};

// Every emitted .js is ASCII only (non-ASCII as \u escapes): a host page that declares no
// charset makes the browser decode a classic script as windows-1252, and "Message…" would
// show as "Messageâ€¦". scripts/checks/ascii-output.test.ts holds the build to it.
/**
 * esbuild's `charset: 'ascii'` escapes strings, templates, regexps and names, but keeps
 * the comments it preserves as they are: escape what is left (only comment text, so no
 * code moves and the sourcemap stays valid).
 */
const asciiComments = () => ({
  name: 'ascii-comments',
  renderChunk(code) {
    if (!/[^\0-\x7f]/.test(code)) return null;
    const escaped = code.replace(/[^\0-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    return { code: escaped, map: null };
  },
});
const esbuildOptions = {
  target: 'es2022',
  tsconfig: resolve(root, 'tsconfig.json'),
  charset: 'ascii',
};

/**
 * Each package's src/version.ts becomes its package.json version as a literal: one
 * source of truth, and the published files never read package.json at run time.
 */
const versionFromPackageJson = () => ({
  name: 'version-from-package-json',
  transform(_code, id) {
    const match = /[\\/]packages[\\/]([^\\/]+)[\\/]src[\\/]version\.ts$/.exec(id);
    if (!match) return null;
    const { version } = JSON.parse(readFileSync(pkg(match[1], 'package.json'), 'utf8'));
    return { code: `export const VERSION = ${JSON.stringify(version)};\n`, map: null };
  },
});

// Anything that is not a relative or absolute path is a dependency: keep it external on npm.
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

const workspaceAliases = {
  '@chat-widget/auth': pkg('auth', 'src/index.ts'),
  '@chat-widget/protocol': pkg('protocol', 'src/index.ts'),
};
/** Resolves workspace packages to their sources, for the self-contained IIFE. */
const workspaceSources = () => ({
  name: 'workspace-sources',
  resolveId(id) {
    return workspaceAliases[id] ?? null;
  },
});

/**
 * The CDN build gives our private members (`_name`, never Lit's own `_$…`) short names.
 * Chunks use each other's objects, so a member must get one name in every chunk: terser's
 * nameCache is shared (the terser plugin then minifies the chunks one after another), and
 * no short name may be one that any module uses as a property, or a member renamed in one
 * chunk could land on a property another chunk uses on the same object. Those names are
 * collected from every module's code once the graph is built, before any chunk is minified.
 */
const privateProperties = { regex: /^_[a-zA-Z]/, reserved: [] };
const reservePropertyNames = () => ({
  name: 'reserve-property-names',
  buildEnd() {
    const names = new Set();
    const visit = (node, parent) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const child of node) visit(child, parent);
        return;
      }
      if (node.type === 'Identifier' && parent && parent.key === node) names.add(node.name);
      else if (node.type === 'Identifier' && parent?.property === node) names.add(node.name);
      else if (node.type === 'Literal' && typeof node.value === 'string') names.add(node.value);
      else if (node.type === 'TemplateElement') names.add(node.value.cooked ?? '');
      for (const key in node) {
        if (key !== 'type' && key !== 'start' && key !== 'end') visit(node[key], node);
      }
    };
    for (const id of this.getModuleIds()) {
      const code = this.getModuleInfo(id)?.code;
      if (code) visit(this.parse(code), null);
    }
    privateProperties.reserved = [...names].filter((name) => !privateProperties.regex.test(name));
  },
});

/** The file users put in a script tag, beside the chunks it loads (dist/cdn/). */
const SCRIPT_TAG_FILE = 'chat-widget.js';

/**
 * The script-tag build is ES module chunks (a classic script cannot share code with
 * lazily loaded parts): this emits the one classic script users add, which imports the
 * loader chunk from beside itself (its own URL, captured while it runs). Every later
 * chunk (the panel, locale packs) is imported relative to the chunk that needs it.
 */
const scriptTagFile = (version) => ({
  name: 'script-tag-file',
  generateBundle(_options, bundle) {
    // The loader (the locale packs are entries too).
    const entry = Object.values(bundle).find(
      (file) => file.type === 'chunk' && file.isEntry && file.name === 'loader',
    );
    const loader = JSON.stringify(entry.fileName);
    // Hand-minified; `s` is null only when it is not a classic script (then: the page's URL).
    const code =
      `/*! @chat-widget/element ${version} | MIT */\n` +
      `(()=>{var s=document.currentScript,u=new URL(${loader},s&&s.src||location.href).href;` +
      `import(u).catch(e=>console.error("chat-widget ${version}: could not load "+u+` +
      `" (the chunk files must be beside chat-widget.js; see the README)",e))})();\n`;
    this.emitFile({ type: 'asset', fileName: SCRIPT_TAG_FILE, source: code });
  },
});

/**
 * The script-tag build loads locale packs by URL (internal/locale-packs.cdn.ts in place of
 * locale-packs.ts and its map of 20 imports, about 160 bytes of the loader): each pack is
 * emitted as an entry of its own, dist/cdn/locales/<tag>.js, with its default export.
 */
const localePacksByUrl = (localesDir) => ({
  name: 'locale-packs-by-url',
  buildStart() {
    for (const file of readdirSync(localesDir).filter((f) => f.endsWith('.ts'))) {
      const fileName = `locales/${file.replace(/\.ts$/, '.js')}`;
      this.emitFile({
        type: 'chunk',
        id: localesDir + file,
        fileName,
        preserveSignature: 'strict',
      });
    }
  },
  resolveId(source, importer) {
    if (!importer || !source.endsWith('/locale-packs.js')) return null;
    return resolve(dirname(importer), source.replace(/\.js$/, '.cdn.ts'));
  },
});

// Start from empty dist folders so files from renamed or deleted modules never ship.
for (const dir of Object.keys(packages)) rmSync(pkg(dir, 'dist'), { recursive: true, force: true });

const configs = [];
for (const [dir, entries] of Object.entries(packages)) {
  const input = Object.fromEntries(
    Object.entries(entries)
      .map(([name, file]) => [name, pkg(dir, file)])
      .filter(([, file]) => existsSync(file)),
  );
  if (Object.keys(input).length === 0) continue;
  configs.push({
    input,
    external: isBare,
    plugins: [versionFromPackageJson(), esbuild(esbuildOptions), asciiComments()],
    output: {
      dir: pkg(dir, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: pkg(dir, 'src'),
      entryFileNames: '[name].js',
      sourcemap: true,
    },
  });
  configs.push({
    input,
    external: isBare,
    plugins: [dts({ tsconfig: resolve(root, 'tsconfig.json'), compilerOptions: { paths: {} } })],
    output: { dir: pkg(dir, 'dist'), format: 'es', entryFileNames: '[name].d.ts' },
  });
}

// `@chat-widget/element/react18`: the React 18 component. @lit/react is bundled in (a dev
// dependency: installing the element never pulls in React or its types), and the element
// comes from the package's own main entry by name, never a second copy. Two builds of the
// same source: `node` for server rendering (@lit/react's node build has no layout effects)
// and the default one for browsers.
const react18Entry = pkg('widget', 'src/react18.ts');
if (existsSync(react18Entry)) {
  const bundleLitReact = (id) => isBare(id) && !id.startsWith('@lit/react');
  for (const [file, conditions] of [
    ['react18.js', ['browser', 'import', 'default']],
    ['react18.node.js', ['node', 'import', 'default']],
  ]) {
    configs.push({
      input: react18Entry,
      external: bundleLitReact,
      plugins: [
        nodeResolve({ exportConditions: conditions }),
        esbuild(esbuildOptions),
        asciiComments(),
      ],
      output: { file: pkg('widget', `dist/${file}`), format: 'es', sourcemap: true },
    });
  }
  configs.push({
    input: react18Entry,
    external: isBare,
    plugins: [dts({ tsconfig: resolve(root, 'tsconfig.json'), compilerOptions: { paths: {} } })],
    output: { file: pkg('widget', 'dist/react18.d.ts'), format: 'es' },
  });
}

// The script-tag build: a classic script (chat-widget.js) that imports the loader chunk
// (defines <chat-widget>, draws the launcher, gets a token); the panel and each locale pack
// are further chunks, imported on demand. Everything self-contained (dependencies bundled).
const cdnEntry = pkg('widget', 'src/define.ts');
if (existsSync(cdnEntry)) {
  const { version } = JSON.parse(readFileSync(pkg('widget', 'package.json'), 'utf8'));
  const localesDir = `${pkg('widget', 'src/locales')}/`;
  /** The modules of the loader chunk (found on the first call of manualChunks). */
  let loaderModules = null;
  const panelChunk = /[\\/]src[\\/]internal[\\/](panel[\\/]panel|dictation|composer-tools)\.ts$/;
  configs.push({
    input: { loader: cdnEntry },
    // One loader chunk (no facade re-exporting another): the panel imports from it.
    preserveEntrySignatures: false,
    // `lit` (the panel's import) loads LitElement and ReactiveElement for their side effects;
    // the widget uses only lit-html (its element has a base of its own, and its css`` is
    // that base's CSS text): keep only what is used of those packages.
    treeshake: {
      moduleSideEffects: (id, external) =>
        external ||
        !/[\\/]node_modules[\\/](lit|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id),
    },
    plugins: [
      workspaceSources(),
      localePacksByUrl(localesDir),
      versionFromPackageJson(),
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }),
      // Syntax minification (no renaming) before terser: a few bytes terser alone leaves.
      esbuild({ ...esbuildOptions, minifySyntax: true }),
      // The static text of our Lit templates (CSS, markup) without comments and indentation.
      minifyTemplates({ include: /[\\/]packages[\\/]widget[\\/]src[\\/]/ }),
      // ascii_only: dependencies (Lit) skip the esbuild step, and terser re-prints everything.
      reservePropertyNames(),
      terser({
        ecma: 2022,
        module: true,
        compress: {
          passes: 3,
          hoist_funs: true,
          pure_getters: true,
          unsafe: true,
          unsafe_arrows: true,
        },
        mangle: { properties: privateProperties },
        // One cache for every chunk: a private member keeps one short name across chunks.
        nameCache: {},
        format: { comments: false, ascii_only: true },
      }),
      scriptTagFile(version),
    ],
    output: {
      dir: pkg('widget', 'dist/cdn'),
      format: 'es',
      entryFileNames: 'chunks/[name]-[hash].js',
      // Locale packs keep stable names (dist/cdn/locales/<tag>.js); the rest is hashed.
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId?.startsWith(localesDir)
          ? 'locales/[name].js'
          : 'chunks/[name]-[hash].js',
      sourcemap: true,
      // The microphone and the composer's tool menu are dynamic imports in the sources (npm
      // users' bundlers split them off); here they ride in the panel chunk: ~1.4 KB less in
      // all than two chunks of their own, for ~2.3 KB more in the panel (loaded on demand).
      manualChunks: (id, { getModuleInfo }) => {
        if (!loaderModules) {
          // What the loader imports statically stays in the loader chunk (a manual chunk
          // would otherwise take in every module it imports, the loader's own included).
          loaderModules = new Set();
          const visit = (moduleId) => {
            if (loaderModules.has(moduleId)) return;
            loaderModules.add(moduleId);
            for (const next of getModuleInfo(moduleId)?.importedIds ?? []) visit(next);
          };
          visit(cdnEntry);
        }
        if (loaderModules.has(id)) return 'loader';
        return panelChunk.test(id) ? 'panel' : undefined;
      },
    },
  });
}

export default configs;
