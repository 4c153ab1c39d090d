// Framework adapters: turn verification failures into RFC 6750 responses
// (401 + WWW-Authenticate, or 503 + Retry-After) with a stable JSON body.
// This module is the Fetch API part (no Node types): edge runtimes import it;
// node-adapters.ts holds the Node http/Connect one.
import { AuthError, InvalidTokenError, JwksUnavailableError } from './errors.js';
import type { JwksVerifier, VerifiedAuth } from './verifier.js';

export interface AuthAdapterOptions {
  /** Challenge realm; defaults to the verifier's `realm`. */
  realm?: string;
}

/** Status, headers and body of the response for a verification failure. */
export interface AuthErrorReply {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string } };
}

// RFC 6750 §3: quoted values may not contain `"` or `\`, and are printable ASCII.
const quoted = (value: string) => value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');

/** The reply for any error thrown by a verifier (unknown errors become a generic 401). */
export function authErrorReply(error: unknown, realm = 'chat-widget'): AuthErrorReply {
  const auth =
    error instanceof AuthError
      ? error
      : new InvalidTokenError('ERR_TOKEN_INVALID', 'Token could not be verified');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (auth.status === 401) {
    headers['www-authenticate'] = auth.bearerError
      ? `Bearer realm="${quoted(realm)}", error="${auth.bearerError}", error_description="${quoted(auth.message)}"`
      : `Bearer realm="${quoted(realm)}"`;
  }
  if (auth instanceof JwksUnavailableError) headers['retry-after'] = String(auth.retryAfter);
  return {
    status: auth.status,
    headers,
    body: { error: { code: auth.code, message: auth.message } },
  };
}

/** A Fetch API `Response` for a verification failure. */
export function authErrorResponse(error: unknown, realm?: string): Response {
  const reply = authErrorReply(error, realm);
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
}

/**
 * Wraps a Fetch API handler (Hono, Next.js route handlers, Workers, Deno, Bun):
 * the handler runs only for a valid token and receives the verified auth.
 */
export function withAuth(
  verifier: JwksVerifier,
  handler: (request: Request, auth: VerifiedAuth) => Response | Promise<Response>,
  options: AuthAdapterOptions = {},
): (request: Request) => Promise<Response> {
  const realm = options.realm ?? verifier.realm;
  return async (request) => {
    let auth: VerifiedAuth;
    try {
      auth = await verifier.verifyRequest(request);
    } catch (error) {
      return authErrorResponse(error, realm);
    }
    return handler(request, auth);
  };
}
