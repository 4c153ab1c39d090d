// Fastify: an auth hook (JWKS verification before the body is read) and a
// plugin that mounts the ChatKit endpoint. The handler's Fetch API Response
// goes to `reply.send`, which writes its body stream chunk by chunk with
// backpressure and cancels it when the client leaves: nothing is buffered.
import { Readable } from 'node:stream';
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from 'fastify';
import type { AuthAdapterOptions } from '../auth/adapters.js';
import { authErrorReply } from '../auth/adapters.js';
import type { JwksVerifier, VerifiedAuth } from '../auth/verifier.js';
import type { ChatKitFetchHandler } from '../chatkit/fetch-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified token, set by `fastifyAuthHook` (and `chatKitFastify`) before the handler runs. */
    auth?: VerifiedAuth;
  }
}

/**
 * An `onRequest` hook: verifies `Authorization: Bearer <jwt>` and sets
 * `request.auth`, or answers 401 (+ `WWW-Authenticate`) / 503 (+ `Retry-After`)
 * itself, before Fastify reads the body.
 *
 * ```ts
 * app.addHook('onRequest', fastifyAuthHook(verifier));
 * ```
 */
export function fastifyAuthHook(
  verifier: JwksVerifier,
  options: AuthAdapterOptions = {},
): onRequestAsyncHookHandler {
  const realm = options.realm ?? verifier.realm;
  return async function verifyBearer(request: FastifyRequest, reply: FastifyReply) {
    try {
      request.auth = await verifier.verifyRequest(request.raw);
    } catch (error) {
      const answer = authErrorReply(error, realm);
      await reply.code(answer.status).headers(answer.headers).send(JSON.stringify(answer.body));
    }
  };
}

export interface ChatKitFastifyOptions extends AuthAdapterOptions {
  /** Verifies each request's JWT (from `createJwksVerifier`). */
  verifier: JwksVerifier;
  /** The ChatKit handler (from `createChatKitHandler` or `createChatKitFetchHandler`). */
  handler: ChatKitFetchHandler;
  /** Route path inside the plugin's prefix (default `/api/chatkit`). */
  path?: string;
}

/** The Fetch API Request the handler reads: Fastify's URL and headers, the body unread. */
function toFetchRequest(request: FastifyRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, signal };
  if (hasBody) {
    init.body = Readable.toWeb(request.raw) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(`${request.protocol}://${request.host}${request.url}`, init);
}

/**
 * A Fastify plugin serving ChatKit at `path` (POST for requests, GET for
 * attachment downloads, PUT for uploads): every request is verified first
 * (see {@link fastifyAuthHook}), then answered for `request.auth.sub`.
 * Register it without `fastify-plugin` semantics: its body handling (the raw
 * stream, any content type) and its hook stay inside its own scope.
 *
 * ```ts
 * await app.register(chatKitFastify, { verifier, handler });
 * ```
 */
export const chatKitFastify: FastifyPluginAsync<ChatKitFastifyOptions> = async (
  app: FastifyInstance,
  options: ChatKitFastifyOptions,
) => {
  const { verifier, handler } = options;
  // The handler reads (and limits) the body itself, whatever its type: uploads are
  // multipart or raw bytes. Leave the stream untouched for it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.addHook(
    'onRequest',
    fastifyAuthHook(verifier, options.realm === undefined ? {} : { realm: options.realm }),
  );
  app.route({
    method: ['GET', 'POST', 'PUT'],
    url: options.path ?? '/api/chatkit',
    handler: async (request, reply) => {
      // A client gone before the answer was ready: stop the work it asked for.
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort(new Error('client disconnected'));
      });
      const auth = request.auth!;
      const response = await handler.fetch(toFetchRequest(request, abort.signal), {
        userId: auth.sub,
        claims: auth.claims,
      });
      // Unread request bytes (e.g. after a 413) must not hold the connection.
      if (!request.raw.complete) request.raw.resume();
      return reply.send(response);
    },
  });
};
