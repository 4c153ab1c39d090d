// Generates packages/widget/custom-elements.json (run from packages/widget by
// `npm run build`): attributes, properties, methods, events with their detail
// types, CSS parts and custom properties, read from the element's JSDoc.
// IDEs, Storybook and framework type generators read it via `"customElements"`.

const TAG_NAME = 'chat-widget';

/** Published module paths: the manifest describes dist/*.js, not the sources. */
const toDist = (path) =>
  path
    .replace(/^\//, '')
    .replace(/^src\//, 'dist/')
    .replace(/\.ts$/, '.js');

const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The element's base names a property's attribute in kebab-case unless it says otherwise
 * (authUrl: auth-url), where the analyzer assumes Lit's rule (the property's name): rename
 * those, and merge each with the `@attr` entry of the same name from the JSDoc.
 */
function kebabAttributes(decl) {
  for (const member of decl.members) {
    if (member.attribute && /[A-Z]/.test(member.attribute))
      member.attribute = kebab(member.attribute);
  }
  if (!decl.attributes) return;
  const byName = new Map();
  for (const attribute of decl.attributes) {
    const name = /[A-Z]/.test(attribute.name) ? kebab(attribute.name) : attribute.name;
    const merged = { ...byName.get(name), ...attribute, name };
    byName.set(name, merged);
  }
  decl.attributes = [...byName.values()];
}

/** Drops private/protected members and rewrites module paths to dist. */
function publicApiOnly() {
  return {
    name: 'chat-widget-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
          // define.ts registers through a variable; name the tag it really defines.
          if (exp.kind === 'custom-element-definition') exp.name = TAG_NAME;
        }
        for (const decl of mod.declarations ?? []) {
          if (!decl.members) continue;
          kebabAttributes(decl);
          if (decl.superclass?.module) decl.superclass.module = toDist(decl.superclass.module);
          decl.members = decl.members.filter(
            (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
          );
        }
      }
    },
  };
}

export default {
  globs: ['src/chat-widget.ts', 'src/define.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
  plugins: [publicApiOnly()],
};
