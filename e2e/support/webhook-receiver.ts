// A webhook receiver for e2e/webhooks.spec.ts: a plain HTTP server on 127.0.0.1 that keeps
// every request it gets (headers and the raw body, which is what a signature covers) and
// answers 204. It can stop and start again on the same port, to play a receiver that was down.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export type Received = { path: string; headers: IncomingHttpHeaders; body: string };

export class WebhookReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/scim-console`;
  }

  async start() {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  /** Stops listening and drops kept-alive connections: the next delivery finds nothing there. */
  async stop() {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
