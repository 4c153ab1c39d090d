// Better Auth for this app: email + password sessions, short-lived JWTs for the
// chat backend (jwt plugin: GET /api/auth/token, GET /api/auth/jwks) and the
// bearer plugin for clients that send the session token in a header.
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { bearer, jwt } from 'better-auth/plugins';
import { building, db } from './db';

/** Where the app is reachable: Better Auth's baseURL, so the JWTs' `iss` and `aud`. */
export const origin = process.env.BETTER_AUTH_URL ?? 'http://localhost:3000';

export const auth = betterAuth({
  baseURL: origin,
  basePath: '/api/auth',
  // BETTER_AUTH_SECRET (32+ random characters) comes from the environment. `next build`
  // loads this module without it; nothing is signed then, so a throwaway secret will do.
  secret: building ? randomBytes(32).toString('base64') : undefined,
  database: db,
  emailAndPassword: { enabled: true, minPasswordLength: 8 },
  plugins: [jwt({ jwt: { expirationTime: '15m' } }), bearer()],
});
