// The demo's Better Auth instance: email+password, JWTs (jwt plugin), session
// tokens in headers for cross-site embeds (bearer plugin) and guests
// (anonymous plugin), on the demo's database (SQLite, or a PostgreSQL pool).
import { betterAuth } from 'better-auth';
import { anonymous, bearer, jwt } from 'better-auth/plugins';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { CLIENT_ADDRESS_HEADER } from './client-address.js';

export interface DemoAuthOptions {
  /** The main origin: fixes the JWT `iss` and `aud` whatever Host a request carries. */
  baseURL: string;
  secret: string;
  /** A better-sqlite3 Database or a pg Pool: Better Auth has its own support for both. */
  db: Database.Database | pg.Pool;
  /** Other origins allowed to call the auth API (the embed origin). */
  trustedOrigins: string[];
  jwtExpiresIn: number;
  /** Sign-in and sign-up attempts allowed per client address in each window. */
  rateLimit: { max: number; windowSeconds: number };
  /** Reverse proxies whose X-Forwarded-For entries are skipped to find the client (empty: none). */
  trustedProxies: string[];
  /** A guest became a real account: its `sub` changes, so its data must follow. */
  onGuestLinked: (guestUserId: string, newUserId: string) => void | Promise<void>;
}

export function createDemoAuth(options: DemoAuthOptions) {
  return betterAuth({
    appName: 'chat-widget demo',
    baseURL: options.baseURL,
    basePath: '/api/auth',
    secret: options.secret,
    database: options.db,
    trustedOrigins: [options.baseURL, ...options.trustedOrigins],
    emailAndPassword: { enabled: true, minPasswordLength: 8 },
    logger: { level: 'warn' },
    // On in every mode (Better Auth turns it on only in production), counted in
    // the database so several instances on one database share the counters.
    rateLimit: {
      enabled: true,
      storage: 'database',
      customRules: {
        '/sign-in/*': { window: options.rateLimit.windowSeconds, max: options.rateLimit.max },
        '/sign-up/*': { window: options.rateLimit.windowSeconds, max: options.rateLimit.max },
      },
    },
    advanced: {
      ipAddress: {
        // Written by the demo from the socket (client-address.ts), never taken from the client.
        ipAddressHeaders: [CLIENT_ADDRESS_HEADER],
        ...(options.trustedProxies.length > 0 ? { trustedProxies: options.trustedProxies } : {}),
      },
    },
    plugins: [
      jwt({
        jwt: {
          expirationTime: `${options.jwtExpiresIn}s`,
          // Only what a chat backend needs: no email or timestamps in every token.
          definePayload: ({ user }) => ({
            name: user.name,
            isAnonymous: Boolean((user as { isAnonymous?: boolean | null }).isAnonymous),
          }),
        },
      }),
      bearer(),
      anonymous({
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await options.onGuestLinked(anonymousUser.user.id, newUser.user.id);
        },
      }),
    ],
  });
}

export type DemoAuth = ReturnType<typeof createDemoAuth>;
