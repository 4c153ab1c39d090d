import { signedOutError, TokenError } from './errors.js';

/** Fetches one JWT. Resolves the JWT string or rejects with a TokenError. */
export type TokenSource = (signal: AbortSignal) => Promise<string>;

/** The part of a Better Auth client (`createAuthClient` + jwt plugin) the manager uses. */
export interface BetterAuthTokenClient {
  token(): Promise<{
    data: { token: string } | null;
    error: { status?: number; message?: string } | null;
  }>;
}

export type SessionTokenOption = string | null | (() => string | null | Promise<string | null>);

export type AuthMode = 'cookie' | 'bearer' | 'auth-client' | 'custom';

/** Classifies an HTTP status from a token endpoint. */
export function statusError(status: number, message?: string) {
  if (status === 401 || status === 403) {
    return signedOutError(message ?? `The session is gone (HTTP ${status})`, { status });
  }
  return new TokenError('ERR_SERVER', message ?? `Token endpoint answered HTTP ${status}`, {
    status,
  });
}

const readSessionToken = async (option: SessionTokenOption) =>
  typeof option === 'function' ? await option() : option;

/** `Authorization` header for bearer mode, or null when there is no session token. */
export async function bearerHeader(option: SessionTokenOption) {
  const value = await readSessionToken(option);
  return value ? `Bearer ${value}` : null;
}

/**
 * `GET {authUrl}/token` of Better Auth's jwt plugin. Cookie mode sends the
 * session cookie (`credentials: 'include'`); bearer mode sends the session
 * token as `Authorization: Bearer` (bearer plugin) and no cookies. `fetchOf`
 * gives the transport at each request.
 *
 * Sources reject with a TokenError where they know the cause; anything else they
 * throw (a fetch TypeError, a host's own error) the manager maps with toTokenError.
 */
export function httpSource(
  authUrl: string,
  fetchOf: () => typeof fetch,
  sessionToken: SessionTokenOption | undefined,
): TokenSource {
  return async (signal) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (sessionToken !== undefined) {
      const authorization = await bearerHeader(sessionToken);
      if (!authorization) throw signedOutError('No session token (bearer mode)');
      headers.authorization = authorization;
    }
    const response = await fetchOf()(`${authUrl}/token`, {
      method: 'GET',
      headers,
      credentials: sessionToken !== undefined ? 'omit' : 'include',
      cache: 'no-store',
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw statusError(response.status);
    }
    // A body cut off mid-way is a network problem (a TypeError), bad JSON a server one.
    const body: unknown = await response.json().catch((cause: unknown) => {
      throw cause instanceof TypeError
        ? cause
        : new TokenError('ERR_INVALID_TOKEN', 'Token endpoint answered non-JSON', { cause });
    });
    const token = (body as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || token === '') {
      throw new TokenError('ERR_INVALID_TOKEN', 'Token endpoint answered without a token');
    }
    return token;
  };
}

/** `authClient.token()` of a host-supplied Better Auth client. */
export function authClientSource(client: BetterAuthTokenClient): TokenSource {
  return async () => {
    const { data, error } = await client.token();
    if (error) {
      // better-fetch reports a failed connection without an HTTP status.
      if (!error.status) {
        throw new TokenError('ERR_NETWORK', error.message ?? 'Token request failed', {
          cause: error,
        });
      }
      throw statusError(error.status, error.message);
    }
    if (!data?.token) throw signedOutError('authClient.token() returned no token');
    return data.token;
  };
}

/** A host `getToken()` for any issuer: null (or an empty string) means signed out. */
export function customSource(getToken: () => Promise<string | null>): TokenSource {
  return async () => {
    const token = await getToken();
    if (!token) throw signedOutError();
    return token;
  };
}
