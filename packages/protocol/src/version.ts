// The package's version, from its package.json: read here in sources and tests;
// the build replaces this module with the literal (rollup.config.mjs,
// versionFromPackageJson), so the published files never read package.json.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
