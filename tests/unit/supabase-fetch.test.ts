import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabaseFetch, supabaseFetch } from '../../src/lib/server/supabase-fetch.ts';

// A loopback server that answers by path and echoes what it received.
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method,
        body: Buffer.concat(chunks).toString(),
        length: req.headers['content-length'] ?? null,
        apikey: req.headers['apikey'] ?? null,
      };
      if (req.url === '/empty') return void res.writeHead(204).end();
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part');
        return void setTimeout(() => res.end(', the rest'), 2_000);
      }
      if (req.url === '/port') return void res.end(String(req.socket.remotePort));
      res.writeHead(req.url === '/missing' ? 404 : 200, {
        'content-type': 'application/json',
        'content-range': '0-0/1',
        'set-cookie': ['a=1', 'b=2'],
      });
      res.end(JSON.stringify(received));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('supabaseFetch (the server-side fetch for supabase-js)', () => {
  it.each([
    ['a JSON POST', '/rpc', { method: 'POST', body: '{"å":"ø"}' }, 200, 'POST', '{"å":"ø"}', '11'],
    [
      'bytes',
      '/rpc',
      { method: 'PATCH', body: new TextEncoder().encode('x') },
      200,
      'PATCH',
      'x',
      '1',
    ],
    ['a GET without a body', '/table', {}, 200, 'GET', '', null],
    [
      'an error status, body kept',
      '/missing',
      { method: 'POST', body: '{}' },
      404,
      'POST',
      '{}',
      '2',
    ],
  ] as const)(
    'sends %s and answers like fetch',
    async (_, path, init, status, method, body, length) => {
      const response = await supabaseFetch(`${base}${path}`, {
        ...init,
        headers: new Headers({ apikey: 'k' }),
      } as RequestInit);
      expect(response.status).toBe(status);
      expect(response.ok).toBe(status < 300);
      expect(response.headers.get('content-range')).toBe('0-0/1');
      expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(await response.json()).toEqual({ method, body, length, apikey: 'k' });
    },
  );

  it('gives an empty body for 204', async () => {
    const response = await supabaseFetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('rejects with a TypeError when nothing listens, as fetch does', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(supabaseFetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TypeError);
  });

  it('gives up with a TypeError when the server stays silent', async () => {
    const impatient = createSupabaseFetch({ timeoutMs: 100 });
    await expect(impatient(`${base}/slow`)).rejects.toBeInstanceOf(TypeError);
  });

  it('gives up with a TypeError when the server stops halfway through the body', async () => {
    const impatient = createSupabaseFetch({ timeoutMs: 100 });
    await expect(impatient(`${base}/stall`).then((r) => r.text())).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('keeps connections alive between calls', async () => {
    const own = createSupabaseFetch(); // its own pool: no connection left over from other tests
    const ports: string[] = [];
    for (let i = 0; i < 4; i++) ports.push(await (await own(`${base}/port`)).text());
    // Without keep-alive each call would come from a connection (a client port) of its own.
    expect(new Set(ports).size).toBeLessThan(ports.length);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = supabaseFetch(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      supabaseFetch(`${base}/rpc`, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
