/**
 * A loopback server that speaks the part of Resend's HTTP API the portal uses (POST /emails with
 * an Idempotency-Key) and records every request. Point the SDK at it with RESEND_BASE_URL.
 *
 * Like Resend, it delivers a key at most once: a repeat of a delivered key gets the first answer
 * and delivers nothing. `respond` decides each answer: 'ok', an error status (429, 500, …), or
 * 'timeout' (the message is accepted and delivered, but the answer comes too late: the case
 * where a sender cannot know whether it went out).
 *
 * Tests in another process read the records and set the answer through /_test/requests,
 * /_test/delivered and PUT /_test/answer ({"answer": "ok" | 500 | 429 | "timeout"}).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmailPayload {
  from: string;
  to: string[];
  reply_to?: string | string[];
  subject: string;
  html?: string;
  text?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  rawBody: string;
  body: EmailPayload | undefined;
  /** The answer given: an HTTP status, or 'timeout'. */
  answer: number | 'timeout';
}

export interface DeliveredEmail {
  id: string;
  idempotencyKey: string;
  payload: EmailPayload;
}

export type Answer = 'ok' | 'timeout' | number;

export interface ResendMock {
  url: string;
  requests: RecordedRequest[];
  /** Every e-mail delivered, in order; a key appears at most once. */
  delivered: DeliveredEmail[];
  /** Decides the answer to each POST /emails. */
  respond: (request: RecordedRequest) => Answer;
  /** Milliseconds every answer waits (a slow API keeps concurrent senders busy together). */
  latencyMs: number;
  close(): Promise<void>;
}

const errorNames: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  409: 'concurrent_idempotent_requests',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
  503: 'service_unavailable',
};

export async function startResendMock(
  options: { timeoutDelayMs?: number } = {},
): Promise<ResendMock> {
  const timeoutDelayMs = options.timeoutDelayMs ?? 3_000;
  const byKey = new Map<string, DeliveredEmail>();
  const pending = new Set<NodeJS.Timeout>();
  const mock: ResendMock = {
    url: '',
    requests: [],
    delivered: [],
    respond: () => 'ok',
    latencyMs: 0,
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: EmailPayload | undefined;
      try {
        body = JSON.parse(rawBody) as EmailPayload;
      } catch {
        body = undefined;
      }
      const header = req.headers['idempotency-key'];
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        idempotencyKey: Array.isArray(header) ? header[0] : header,
        rawBody,
        body,
        answer: 200,
      };
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const fail = (status: number) =>
        send(status, {
          statusCode: status,
          name: errorNames[status] ?? 'application_error',
          message: 'Mock failure',
        });

      // The control API for tests in other processes (Playwright workers): not part of Resend's.
      if (req.url?.startsWith('/_test/')) {
        if (req.method === 'GET' && req.url === '/_test/requests') return send(200, mock.requests);
        if (req.method === 'GET' && req.url === '/_test/delivered')
          return send(200, mock.delivered);
        if (req.method === 'PUT' && req.url === '/_test/answer') {
          const { answer } = JSON.parse(rawBody || '{}') as { answer?: Answer };
          mock.respond = () => answer ?? 'ok';
          return send(200, { answer: answer ?? 'ok' });
        }
        return send(404, { message: 'unknown control path' });
      }
      mock.requests.push(record);
      if (req.method !== 'POST' || req.url !== '/emails') return fail((record.answer = 404));
      if (!/^Bearer re_\w+$/.test(record.authorization ?? '')) return fail((record.answer = 401));
      if (!body || !body.from || !body.subject || !Array.isArray(body.to) || body.to.length === 0) {
        return fail((record.answer = 422));
      }
      const answer = mock.respond(record);
      if (typeof answer === 'number') return fail((record.answer = answer));

      // Accepted: deliver once per idempotency key.
      const key = record.idempotencyKey ?? randomUUID();
      let delivered = byKey.get(key);
      if (!delivered) {
        delivered = { id: randomUUID(), idempotencyKey: key, payload: body };
        byKey.set(key, delivered);
        mock.delivered.push(delivered);
      }
      const reply = { id: delivered.id };
      if (answer === 'timeout') {
        record.answer = 'timeout';
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!res.destroyed) send(200, reply);
        }, timeoutDelayMs);
        pending.add(timer);
        return;
      }
      record.answer = 200;
      if (mock.latencyMs > 0) setTimeout(() => send(200, reply), mock.latencyMs);
      else send(200, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mock;
}
