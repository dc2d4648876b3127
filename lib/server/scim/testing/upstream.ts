// Tests only: a real HTTP server on 127.0.0.1:0 whose behaviour each test sets,
// recording every request it receives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export type SeenRequest = { method: string; path: string; query: string; headers: IncomingMessage['headers']; body: string; at: number };
export type UpstreamHandler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export type TestUpstream = {
  baseUrl: string;
  requests: SeenRequest[];
  handle(handler: UpstreamHandler): void;
  close(): Promise<void>;
};

export async function startTestUpstream(basePath = '/scim/v2'): Promise<TestUpstream> {
  let handler: UpstreamHandler = (_req, res) => {
    res.statusCode = 404;
    res.end();
  };
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname,
        query: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    requests,
    handle(h) {
      handler = h;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A test upstream for the enclosing file or describe: started before its tests, closed after. */
export function testUpstreamForThisScope(): () => TestUpstream {
  let upstream: TestUpstream;
  beforeAll(async () => {
    upstream = await startTestUpstream();
  });
  afterAll(() => upstream.close());
  return () => upstream;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/scim+json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
