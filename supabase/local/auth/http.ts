/**
 * HTTP helpers of the local Auth service: Supabase Auth's error shape (chosen by the
 * `X-Supabase-Api-Version` header, as internal/api/errors.go does), JSON answers, request bodies,
 * and the per-key rate limiter.
 */
import type http from 'node:http';

/** An error answered in Supabase Auth's shape. */
export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** An OAuth-style error (`{ error, error_description }`), as GoTrue answers a missing refresh token. */
export class OAuthError extends Error {
  readonly error: string;
  readonly description: string;
  constructor(error: string, description: string) {
    super(description);
    this.error = error;
    this.description = description;
  }
}

const API_VERSION_HEADER = 'x-supabase-api-version';

/** True when the request names API version 2024-01-01 or later (the only later one GoTrue knows). */
export function wantsVersion20240101(req: http.IncomingMessage): boolean {
  const raw = req.headers[API_VERSION_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && time >= Date.parse('2024-01-01T00:00:00Z');
}

/** Sends a JSON answer. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers an error as GoTrue does: `{code, message}` for 2024-01-01, else `{code, error_code, msg}`. */
export function sendError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  error: unknown,
): void {
  if (error instanceof OAuthError) {
    sendJson(res, 400, { error: error.error, error_description: error.description });
    return;
  }
  const e =
    error instanceof AuthError
      ? error
      : new AuthError(
          500,
          'unexpected_failure',
          'Unexpected failure, please check server logs for more information',
        );
  const headers: Record<string, string> = { 'x-sb-error-code': e.code };
  if (wantsVersion20240101(req)) {
    headers[API_VERSION_HEADER] = '2024-01-01';
    sendJson(res, e.status, { code: e.code, message: e.message }, headers);
  } else {
    sendJson(res, e.status, { code: e.status, error_code: e.code, msg: e.message }, headers);
  }
}

/** Reads a JSON object body (an empty body is `{}`); malformed JSON is GoTrue's `bad_json`. */
export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new AuthError(413, 'request_too_large', 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON');
}

/** A sliding-window limiter: at most `max` events per `windowMs` for each key. */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Records an event for `key`; false when the key is over its limit (the event is not counted). */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.events.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.events.set(key, recent);
      return false;
    }
    recent.push(now);
    this.events.set(key, recent);
    return true;
  }
}

const GO_DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration string (`24h`, `1h30m`, `876000h`) to milliseconds, as `ban_duration` takes it. */
export function parseGoDuration(value: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return value === '0' ? 0 : undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * (GO_DURATION_UNITS[unit as string] ?? 0);
  return total;
}
