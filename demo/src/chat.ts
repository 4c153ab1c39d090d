// The ChatKit endpoint: every request's JWT is checked against the JWKS that
// Better Auth publishes, fetched over HTTP like any other backend would (no
// shortcut through the auth instance), then the ChatKit handler answers for
// that user from the SQLite thread store.
import { createJwksVerifier, withAuth } from '@chat-widget/server/auth';
import {
  createChatKitHandler,
  createSqliteStore,
  demoResponder,
  openAIResponder,
  type Responder,
} from '@chat-widget/server/chatkit';
import type Database from 'better-sqlite3';
import type { DemoConfig } from './config.js';

export interface DemoChatOptions {
  /** The main origin: JWT issuer and audience, and where the JWKS lives. */
  origin: string;
  /** The chat's own connection (the store turns on pragmas for itself). */
  db: Database.Database;
  config: Pick<DemoConfig, 'responder' | 'openai' | 'responderDelayMs'>;
}

function pickResponder(config: DemoChatOptions['config'], origin: string): Responder {
  if (config.responder === 'openai' && config.openai) return openAIResponder(config.openai);
  return demoResponder({
    // The [[image]] demo shows the page's own leaf (same origin: the CSP allows it).
    imageUrl: `${origin}/leaf.svg`,
    ...(config.responderDelayMs === undefined ? {} : { delayMs: config.responderDelayMs }),
  });
}

export function createDemoChat({ origin, db, config }: DemoChatOptions) {
  const verifier = createJwksVerifier({
    jwksUrl: `${origin}/api/auth/jwks`,
    issuer: origin,
    audience: origin,
  });
  const store = createSqliteStore(db);
  const handler = createChatKitHandler({ store, respond: pickResponder(config, origin) });
  const fetch = withAuth(verifier, (request, auth) =>
    handler.fetch(request, { userId: auth.sub, claims: auth.claims }),
  );
  return {
    fetch,
    store,
    /**
     * A guest signed up or in: its threads (items, feedback, attachments) now belong
     * to the new user id. The SQLite store always has `transferThreads` (one transaction).
     */
    reown: (fromUserId: string, toUserId: string) => store.transferThreads!(fromUserId, toUserId),
    /** Stops running turns; resolves once each has saved what it had. Close the database after. */
    close: () => handler.close(),
  };
}

export type DemoChat = ReturnType<typeof createDemoChat>;
