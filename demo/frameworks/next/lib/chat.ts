// The ChatKit endpoint's parts: a JWKS verifier for the tokens Better Auth
// signs (fetched over HTTP like any other backend would) and the ChatKit
// handler with the SQLite thread store. Swap `demoResponder()` for
// `openAIResponder({ apiKey, model })` to answer with a real model.
import { createJwksVerifier } from '@chat-widget/server/auth';
import {
  createChatKitHandler,
  createSqliteStore,
  demoResponder,
} from '@chat-widget/server/chatkit';
import { origin } from './auth';
import { db } from './db';

export const verifier = createJwksVerifier({
  jwksUrl: `${origin}/api/auth/jwks`,
  issuer: origin,
  audience: origin,
});

export const chatkit = createChatKitHandler({
  store: createSqliteStore(db),
  respond: demoResponder(),
});
