// CORS for /api/* (Better Auth sends none itself): the listed origins only,
// exactly, with credentials. Token headers are always exposed so a framework
// or Better Auth hook can never hide them from the embed page.
import type { MiddlewareHandler } from 'hono';

export const EXPOSED_HEADERS = ['set-auth-jwt', 'set-auth-token'];
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, Accept-Language, Idempotency-Key';

export function cors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next): Promise<Response | undefined> => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      const headers = new Headers({ Vary: 'Origin' });
      if (ok) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Credentials', 'true');
        headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        headers.set('Access-Control-Max-Age', '600');
      }
      // Unknown origins get a 204 without grants: the browser then blocks the call.
      return new Response(null, { status: 204, headers });
    }
    await next();
    // A fresh Response so the headers are writable whatever produced the original.
    const res = new Response(c.res.body, c.res);
    const headers = res.headers;
    appendVary(headers, 'Origin');
    if (ok) grant(headers, origin);
    c.res = undefined;
    c.res = res;
    return undefined;
  };
}

function grant(headers: Headers, origin: string) {
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Allow-Credentials', 'true');
  const exposed = new Set(
    (headers.get('Access-Control-Expose-Headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const h of EXPOSED_HEADERS) exposed.add(h);
  headers.set('Access-Control-Expose-Headers', [...exposed].join(', '));
}

function appendVary(headers: Headers, value: string) {
  const current = headers.get('Vary');
  if (!current) headers.set('Vary', value);
  else if (!current.split(',').some((v) => v.trim().toLowerCase() === value.toLowerCase())) {
    headers.set('Vary', `${current}, ${value}`);
  }
}
