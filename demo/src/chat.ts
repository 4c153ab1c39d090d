// The ChatKit endpoint: every request's JWT is checked against the JWKS that
// Better Auth publishes, fetched over HTTP like any other backend would (no
// shortcut through the auth instance), then the ChatKit handler answers for
// that user from the thread store (SQLite or PostgreSQL, see storage.ts).
import { createJwksVerifier, withAuth } from '@chat-widget/server/auth';
import {
  type ChatKitStore,
  createChatKitHandler,
  demoResponder,
  demoSyncAction,
  demoTranscriber,
  openAIResponder,
  type Responder,
  type TurnLog,
} from '@chat-widget/server/chatkit';
import { agentResponder } from './agent.js';
import type { DemoConfig } from './config.js';

/** Largest attachment the demo stores (the widget on the demo pages says the same). */
export const DEMO_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What the demo accepts as an attachment. */
export const DEMO_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;

export interface DemoChatOptions {
  /** The public origin: JWT issuer and audience (Better Auth's baseURL). */
  origin: string;
  /**
   * Where to fetch the JWKS; default `${origin}/api/auth/jwks`. Behind a proxy
   * each instance reads its own (every instance serves the same keys from the
   * shared database), so verification needs no state of its own.
   */
  jwksUrl?: string;
  /** The thread store (from storage.ts). */
  store: ChatKitStore;
  /** Resumable replies (from storage.ts); without it replies are plain ChatKit streams. */
  turnLog?: TurnLog;
  config: Pick<DemoConfig, 'responder' | 'openai' | 'responderDelayMs'>;
}

function pickResponder(config: DemoChatOptions['config'], origin: string): Responder {
  if (config.responder === 'openai' && config.openai) return openAIResponder(config.openai);
  if (config.responder === 'agents' && config.openai) return agentResponder(config.openai);
  return demoResponder({
    // The [[image]] demo shows the page's own leaf (same origin: the CSP allows it).
    imageUrl: `${origin}/leaf.svg`,
    ...(config.responderDelayMs === undefined ? {} : { delayMs: config.responderDelayMs }),
  });
}

export function createDemoChat({ origin, jwksUrl, store, turnLog, config }: DemoChatOptions) {
  const verifier = createJwksVerifier({
    jwksUrl: jwksUrl ?? `${origin}/api/auth/jwks`,
    issuer: origin,
    audience: origin,
  });
  const handler = createChatKitHandler({
    store,
    respond: pickResponder(config, origin),
    // Track on the demo's order card (a `streaming: false` widget action).
    syncAction: demoSyncAction,
    // Attachments: images and PDF up to 10 MiB, their bytes checked against the declared
    // type, stored with the threads (SQLite under the data directory, or PostgreSQL).
    maxUploadBytes: DEMO_MAX_UPLOAD_BYTES,
    attachmentTypes: DEMO_ATTACHMENT_TYPES,
    // Dictation (the widget's `dictation`): an offline transcriber that says what it heard.
    transcribe: demoTranscriber,
    // Replies survive a dropped connection or a reload: SSE ids, threads.resume,
    // threads.stop, active_turn; a turn without reader runs on for 30 s.
    ...(turnLog ? { turnLog } : {}),
  });
  const fetch = withAuth(verifier, (request, auth) =>
    handler.fetch(request, { userId: auth.sub, claims: auth.claims }),
  );
  return {
    fetch,
    store,
    /**
     * A guest signed up or in: its threads (items, feedback, attachments) now belong
     * to the new user id. The SQLite and PostgreSQL stores both have `transferThreads` (atomic).
     */
    reown: async (fromUserId: string, toUserId: string) => {
      if (!store.transferThreads) throw new Error('the demo store must support transferThreads');
      return store.transferThreads(fromUserId, toUserId);
    },
    /** Stops running turns; resolves once each has saved what it had. Close the database after. */
    close: () => handler.close(),
  };
}

export type DemoChat = ReturnType<typeof createDemoChat>;
