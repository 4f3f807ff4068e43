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
  // Per key, the times of its accepted attempts in order; `first` is the oldest still in the
  // window. Expired times are skipped from the front, so a take costs the same however many
  // attempts the window holds (a raised limit, as in `npm run bench`, once made it linear).
  const attempts = new Map<string, { times: number[]; first: number }>();
  let lastSweep = now();
  return {
    take(key) {
      const time = now();
      // Forget idle keys now and then, so the map cannot grow without bound.
      if (time - lastSweep > windowMs) {
        for (const [k, log] of attempts)
          if (time - (log.times.at(-1) ?? -Infinity) >= windowMs) attempts.delete(k);
        lastSweep = time;
      }
      let log = attempts.get(key);
      if (!log) attempts.set(key, (log = { times: [], first: 0 }));
      while (log.first < log.times.length && time - (log.times[log.first] ?? time) >= windowMs)
        log.first++;
      // Drop the skipped times once they are the larger part of the array.
      if (log.first > 64 && log.first * 2 > log.times.length) {
        log.times = log.times.slice(log.first);
        log.first = 0;
      }
      if (log.times.length - log.first >= limit) return false;
      log.times.push(time);
      return true;
    },
  };
}

/** Submissions per IP address per ten minutes: SUBMIT_RATE_LIMIT, default 20. */
export function submitRateLimit(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['SUBMIT_RATE_LIMIT']);
  return Number.isInteger(value) && value > 0 ? value : 20;
}

/**
 * The address a submission counts against. `socketAddress` is the connection's peer (Astro's
 * clientAddress: astro.config.mjs sets no `security.allowedDomains`, so Astro does not read
 * X-Forwarded-For itself). Behind reverse proxies that peer is the nearest proxy for everyone, so
 * one busy ten minutes would lock every applicant out. Each proxy appends the address it saw to
 * X-Forwarded-For, so with `trustedHops` proxies the client is the entry that many places from
 * the right. Entries further left are whatever the client sent and are never believed.
 */
export function rateLimitKey(
  socketAddress: string,
  forwardedFor: string | null,
  trustedHops: number,
): string {
  if (trustedHops <= 0) return socketAddress;
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Fewer entries than proxies: the request skipped a proxy; the furthest entry is the best left.
  return chain[Math.max(0, chain.length - trustedHops)] ?? socketAddress;
}
