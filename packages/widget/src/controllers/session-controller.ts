/**
 * Owns the widget's view of authentication: which TokenManager is in use
 * (the host's, or one the widget created and must dispose), and its status.
 * Whether a signed-out session is back (focus, visibility) is the manager's
 * question alone, so a tab never asks twice.
 */
import {
  type AuthStatus,
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
  type TokenState,
} from '@chat-widget/auth';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface SessionSource {
  tokenManager?: TokenManager | null;
  authUrl?: string | null;
  authClient?: TokenManagerOptions['authClient'] | null;
  getToken?: TokenManagerOptions['getToken'] | null;
  sessionToken?: TokenManagerOptions['sessionToken'];
}

/** The element's properties that say where tokens come from (a change swaps the manager). */
export const SESSION_KEYS = [
  'tokenManager',
  'authUrl',
  'authClient',
  'getToken',
  'sessionToken',
] as const satisfies readonly (keyof SessionSource)[];

export class SessionController implements ReactiveController {
  status: AuthStatus = 'idle';
  state: TokenState | null = null;
  manager: TokenManager | null = null;

  #owned = false;
  #unsubscribe: (() => void) | null = null;
  #source: SessionSource = {};
  #connected = false;
  #reported = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onStatus: (status: AuthStatus, previous: AuthStatus | null) => void,
  ) {
    host.addController(this);
  }

  /** A fetch that adds the bearer token of whichever manager is current. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    this.manager
      ? this.manager.fetch(input, init)
      : Promise.reject(new DOMException('The chat widget is not connected', 'InvalidStateError'));

  /** Sets where tokens come from; swaps the manager when the source changed. */
  configure(source: SessionSource): void {
    const same = SESSION_KEYS.every((key) => source[key] === this.#source[key]);
    this.#source = { ...source };
    if (same && this.manager) return;
    if (this.#connected) this.#attach();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#detach();
  }

  /** Ask the manager to try again now (e.g. the host just signed the user in). */
  async refresh(): Promise<void> {
    await this.manager?.refresh();
  }

  async signOut(): Promise<void> {
    await this.manager?.signOut();
  }

  #attach() {
    this.#detach();
    const { tokenManager, authUrl, authClient, getToken, sessionToken } = this.#source;
    if (tokenManager) {
      this.manager = tokenManager;
      this.#owned = false;
    } else {
      // Nothing given: the manager's default, Better Auth at /api/auth on this origin. The
      // manager takes an undefined option as not given.
      this.manager = createTokenManager({
        authUrl: authUrl || undefined,
        authClient: authClient ?? undefined,
        getToken: getToken ?? undefined,
        sessionToken,
      });
      this.#owned = true;
    }
    const manager = this.manager;
    this.#unsubscribe = manager.subscribe((state) => {
      if (manager !== this.manager) return;
      this.#setStatus(state.status, state);
    });
    // An untouched manager does not know yet whether there is a session: ask.
    if (manager.state.status === 'idle') manager.getToken().catch(() => {});
  }

  #detach() {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#owned) this.manager?.dispose();
    this.manager = null;
    this.#owned = false;
  }

  #setStatus(status: AuthStatus, state: TokenState | null) {
    this.state = state;
    if (status === this.status) {
      this.host.requestUpdate();
      return;
    }
    const previous = this.#reported ? this.status : null;
    this.#reported = true;
    this.status = status;
    this.host.requestUpdate();
    this.onStatus(status, previous);
  }
}
