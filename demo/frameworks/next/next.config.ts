import type { NextConfig } from 'next';

const config: NextConfig = {
  // better-sqlite3 is a native module: loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  experimental: {
    // CI builds from a clean clone: a Turbopack cache nobody reads only costs time to write.
    turbopackFileSystemCacheForBuild: false,
  },
};

export default config;
