// @chat-widget/server/edge: the parts that run on any Fetch API runtime
// (Cloudflare Workers, Vercel Edge, Deno, Bun, Node): the JWKS verifier, the
// Fetch adapter and the ChatKit handler core with the memory store (or any
// store you pass in), the demo and OpenAI-compatible responders.
// Nothing reachable from here imports a `node:` built-in; test/edge.test.ts
// bundles this entry for the browser platform to keep it that way.

export {
  type AuthAdapterOptions,
  type AuthErrorReply,
  authErrorReply,
  authErrorResponse,
  withAuth,
} from './auth/adapters.js';
export {
  AuthError,
  type AuthErrorCode,
  InvalidTokenError,
  JwksFetchError,
  JwksUnavailableError,
  MissingTokenError,
  TokenExpiredError,
} from './auth/errors.js';
export type { JwksStats } from './auth/jwks-cache.js';
export {
  BETTER_AUTH_ALGORITHMS,
  bearerToken,
  createJwksVerifier,
  type JwksVerifier,
  type JwksVerifierOptions,
  type RequestLike,
  type VerifiedAuth,
} from './auth/verifier.js';
export {
  DEMO_TRIGGERS,
  type DemoResponderOptions,
  demoResponder,
} from './chatkit/demo-responder.js';
export { ChatKitRequestError, type ChatKitRequestErrorCode } from './chatkit/errors.js';
export {
  type ChatKitFetchHandler,
  type ChatKitHandlerOptions,
  type ChatKitRequestContext,
  createChatKitFetchHandler,
  defaultTitle,
} from './chatkit/fetch-handler.js';
export { createMemoryStore } from './chatkit/memory-store.js';
export { type OpenAIResponderOptions, openAIResponder } from './chatkit/openai-responder.js';
export {
  ChatKitStreamError,
  pickModel,
  type RespondContext,
  type Responder,
  type ResponderOutput,
  userText,
} from './chatkit/responder.js';
export {
  type ChatKitStore,
  InvalidCursorError,
  type ListOptions,
  pageOf,
  type StoredAttachment,
} from './chatkit/store.js';
export { parseChatKitRequest } from './chatkit/validate.js';
export { ServerError, type ServerErrorCode } from './errors.js';
