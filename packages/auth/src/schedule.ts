import type { HeldToken } from './decode.js';

export interface ScheduleOptions {
  /**
   * How long before expiry a proactive renewal starts (ms). Default: 60 s, scaled down for
   * short tokens to 5% of the lifetime, but never below twice the expiry margin — so
   * `max(2 × expiryMargin, min(60 s, lifetime / 20))`: 15 s for 5-minute tokens, 45 s for
   * 15-minute ones, 60 s from 20 minutes on.
   */
  refreshMarginMs?: number;
  /**
   * Renew at this fraction of the lifetime instead (e.g. 0.8). Unset by default: a fixed
   * margin before expiry (`refreshMarginMs`) costs fewer requests for the same safety.
   */
  refreshRatio?: number;
  /** Random spread, as a fraction of the lifetime, subtracted from the refresh time (default 0.01). */
  jitterRatio?: number;
  /**
   * A token is not handed out once it has less than this left (ms). Default:
   * 10% of the lifetime, at most 5 s, so a request never leaves with a token
   * that expires in flight.
   */
  expiryMarginMs?: number;
}

const expiryMargin = (token: HeldToken, options: ScheduleOptions) =>
  options.expiryMarginMs ?? Math.min(5000, token.lifetimeMs * 0.1);

/** How long before expiry the proactive renewal starts (see `refreshMarginMs`). */
export function refreshMargin(token: HeldToken, options: ScheduleOptions) {
  return (
    options.refreshMarginMs ??
    Math.max(2 * expiryMargin(token, options), Math.min(60_000, token.lifetimeMs / 20))
  );
}

/** Local time at which a background refresh should begin. */
export function refreshTime(token: HeldToken, random: () => number, options: ScheduleOptions) {
  const jitter = (options.jitterRatio ?? 0.01) * token.lifetimeMs * random();
  const at =
    options.refreshRatio === undefined
      ? token.expiresAt - refreshMargin(token, options)
      : token.obtainedAt + token.lifetimeMs * options.refreshRatio;
  // Never after the point where the token stops being served.
  return Math.min(at - jitter, usableUntil(token, options));
}

/** Local time after which the token is no longer handed out. */
export function usableUntil(token: HeldToken, options: ScheduleOptions) {
  return token.expiresAt - expiryMargin(token, options);
}
