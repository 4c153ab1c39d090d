// `npm start`: the whole demo in one process. Settings come from the
// environment (see demo/README.md); Ctrl-C shuts it down cleanly.

import { startDemo } from './src/app.js';
import { ConfigError, readConfig } from './src/config.js';

try {
  const config = readConfig();
  const demo = await startDemo(config);
  const origin = demo.publicOrigin;
  console.log(`chat-widget demo is running
  host page        ${origin}/
  third-party site ${demo.embedOrigin}/
  Better Auth      ${origin}/api/auth   (JWKS: ${origin}/api/auth/jwks)
  ChatKit endpoint ${origin}/api/chatkit${origin === demo.mainOrigin ? '' : `\n  this instance    ${demo.mainOrigin}/`}
  database         ${demo.database}   JWT lifetime ${config.jwtExpiresIn}s   responder ${config.responder}`);
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
