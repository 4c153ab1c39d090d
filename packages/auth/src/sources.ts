import { signedOutError, TokenError, toTokenError } from './errors.js';

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
 * token as `Authorization: Bearer` (bearer plugin) and no cookies.
 */
export function httpSource(
  authUrl: string,
  fetchImpl: typeof fetch,
  sessionToken: SessionTokenOption | undefined,
): TokenSource {
  return async (signal) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (sessionToken !== undefined) {
      const authorization = await bearerHeader(sessionToken);
      if (!authorization) throw signedOutError('No session token (bearer mode)');
      headers.authorization = authorization;
    }
    let response: Response;
    try {
      response = await fetchImpl(`${authUrl}/token`, {
        method: 'GET',
        headers,
        credentials: sessionToken !== undefined ? 'omit' : 'include',
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      throw toTokenError(error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw statusError(response.status);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      // A body cut off mid-way is a network problem, bad JSON a server one.
      if (cause instanceof TypeError) throw toTokenError(cause);
      throw new TokenError('ERR_INVALID_TOKEN', 'Token endpoint answered non-JSON', { cause });
    }
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
    let result: Awaited<ReturnType<BetterAuthTokenClient['token']>>;
    try {
      result = await client.token();
    } catch (error) {
      throw toTokenError(error);
    }
    if (result.error) {
      const status = result.error.status;
      // better-fetch reports a failed connection without an HTTP status.
      if (!status) {
        throw new TokenError('ERR_NETWORK', result.error.message ?? 'Token request failed', {
          cause: result.error,
        });
      }
      throw statusError(status, result.error.message);
    }
    const token = result.data?.token;
    if (!token) throw signedOutError('authClient.token() returned no token');
    return token;
  };
}

/** A host `getToken()` for any issuer: null means signed out. */
export function customSource(getToken: () => Promise<string | null>): TokenSource {
  return async () => {
    let token: string | null;
    try {
      token = await getToken();
    } catch (error) {
      throw toTokenError(error);
    }
    if (token === null || token === undefined || token === '') throw signedOutError();
    return token;
  };
}
