// `npm start`: the whole demo in one process. Settings come from the
// environment (see demo/README.md); Ctrl-C shuts it down cleanly.

import { startDemo } from './src/app.js';
import { ConfigError, readConfig } from './src/config.js';

try {
  const config = readConfig();
  const demo = await startDemo(config);
  console.log(`chat-widget demo is running
  host page        ${demo.mainOrigin}/
  third-party site ${demo.embedOrigin}/
  Better Auth      ${demo.mainOrigin}/api/auth   (JWKS: ${demo.mainOrigin}/api/auth/jwks)
  ChatKit endpoint ${demo.mainOrigin}/api/chatkit
  database         ${config.databasePath}   JWT lifetime ${config.jwtExpiresIn}s   responder ${config.responder}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`demo: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
