export interface BackoffOptions {
  /** First retry delay in ms (default 1000). */
  baseMs?: number;
  /** Upper bound for any delay in ms (default 60 000). */
  maxMs?: number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with
 * "equal jitter" (half fixed, half random) so tabs and clients that failed
 * together do not retry together, while the delay never collapses to zero.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}) {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
