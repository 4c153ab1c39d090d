import type { HeldToken } from './decode.js';

export interface ScheduleOptions {
  /** Fraction of the lifetime after which a proactive refresh starts (default 0.8). */
  refreshRatio?: number;
  /** Random spread, as a fraction of the lifetime, subtracted from the refresh time (default 0.05). */
  jitterRatio?: number;
  /**
   * A token is not handed out once it has less than this left (ms). Default:
   * 10% of the lifetime, at most 5 s, so a request never leaves with a token
   * that expires in flight.
   */
  expiryMarginMs?: number;
}

/** Local time at which a background refresh should begin. */
export function refreshTime(token: HeldToken, random: () => number, options: ScheduleOptions) {
  const ratio = options.refreshRatio ?? 0.8;
  const jitter = (options.jitterRatio ?? 0.05) * token.lifetimeMs * random();
  const at = token.obtainedAt + token.lifetimeMs * ratio - jitter;
  // Never after the point where the token stops being served.
  return Math.min(at, usableUntil(token, options));
}

/** Local time after which the token is no longer handed out. */
export function usableUntil(token: HeldToken, options: ScheduleOptions) {
  const margin = options.expiryMarginMs ?? Math.min(5000, token.lifetimeMs * 0.1);
  return token.expiresAt - margin;
}
