/**
 * A small in-memory, per-key sliding-window rate limit. One server process is enough for a
 * municipal portal; behind several processes each keeps its own count.
 */

export interface RateLimiter {
  /** Records one attempt for `key`; false when the limit is already reached. */
  take(key: string): boolean;
}

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const { limit, windowMs, now = Date.now } = options;
  const attempts = new Map<string, number[]>();
  let lastSweep = now();
  return {
    take(key) {
      const time = now();
      // Forget idle keys now and then, so the map cannot grow without bound.
      if (time - lastSweep > windowMs) {
        for (const [k, times] of attempts)
          if (times.every((t) => time - t >= windowMs)) attempts.delete(k);
        lastSweep = time;
      }
      const recent = (attempts.get(key) ?? []).filter((t) => time - t < windowMs);
      if (recent.length >= limit) {
        attempts.set(key, recent);
        return false;
      }
      recent.push(time);
      attempts.set(key, recent);
      return true;
    },
  };
}

/** Submissions per IP address per ten minutes: SUBMIT_RATE_LIMIT, default 20. */
export function submitRateLimit(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['SUBMIT_RATE_LIMIT']);
  return Number.isInteger(value) && value > 0 ? value : 20;
}
