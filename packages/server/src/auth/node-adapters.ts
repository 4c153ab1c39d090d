// The Node http/Connect/Express adapter of the verifier: verification failures
// written to a ServerResponse, and a middleware that sets `req.auth`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthAdapterOptions, authErrorReply } from './adapters.js';
import type { JwksVerifier, VerifiedAuth } from './verifier.js';

/** Writes a verification failure to a Node response. */
export function sendAuthError(res: ServerResponse, error: unknown, realm?: string): void {
  const reply = authErrorReply(error, realm);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(reply.status, reply.headers).end(JSON.stringify(reply.body));
}

/** A Node request after nodeAuthMiddleware: `auth` holds the verified token. */
export type AuthenticatedRequest<R extends IncomingMessage = IncomingMessage> = R & {
  auth: VerifiedAuth;
};

/**
 * Connect/Express-style middleware for Node's http module: sets `req.auth` and
 * calls `next()`, or answers 401/503 itself. Works with `http.createServer`
 * too: `(req, res) => middleware(req, res, () => handle(req, res))`.
 */
export function nodeAuthMiddleware(
  verifier: JwksVerifier,
  options: AuthAdapterOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => Promise<void> {
  const realm = options.realm ?? verifier.realm;
  return async (req, res, next) => {
    let auth: VerifiedAuth;
    try {
      auth = await verifier.verifyRequest(req);
    } catch (error) {
      sendAuthError(res, error, realm);
      return;
    }
    (req as AuthenticatedRequest).auth = auth;
    next();
  };
}
