// Listening for the sandbox. On a loopback host it binds both 127.0.0.1 and
// ::1 on one port: the public URL says `localhost`, and whether that resolves
// to 127.0.0.1 or ::1 first differs between machines (here /etc/hosts maps it to
// 127.0.0.1 only; many laptops answer ::1 first). Binding `::` would cover both
// but would also expose a server with well-known passwords to the network.
import { createServer, type RequestListener, type Server } from 'node:http';

export type Listening = { port: number; addresses: string[]; close(): Promise<void> };

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Node closes an idle keep-alive connection after 5 s by default; a client that
 * sends on it at that moment gets ECONNRESET (seen in e2e runs on a loaded
 * machine). Idle connections stay open longer than clients keep them; close()
 * still ends them at once.
 */
const KEEP_ALIVE_MS = 65_000;

function server(handler: RequestListener): Server {
  const s = createServer(handler);
  s.keepAliveTimeout = KEEP_ALIVE_MS;
  s.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return s;
}

export async function listen(handler: RequestListener, host: string, port: number): Promise<Listening> {
  const loopback = LOOPBACK_HOSTS.has(host);
  const primaryHost = loopback ? '127.0.0.1' : host;
  const servers: Server[] = [];

  const primary = server(handler);
  await bind(primary, primaryHost, port);
  servers.push(primary);
  const actualPort = (primary.address() as { port: number }).port;

  if (loopback) {
    const v6 = server(handler);
    try {
      await bind(v6, '::1', actualPort);
      servers.push(v6);
    } catch (err) {
      // No IPv6 loopback here, or the port is taken on ::1: 127.0.0.1 alone still serves.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') console.warn(`[sandbox] [::1]:${actualPort} is in use; listening on 127.0.0.1 only`);
    }
  }

  return {
    port: actualPort,
    addresses: servers.map((s) => {
      const a = s.address() as { address: string; port: number };
      return a.address.includes(':') ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
    }),
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              // Keep-alive sockets (fetch keeps them) would otherwise hold close() open.
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function bind(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** The configured public URL, with the real port when the sandbox was asked for port 0 and no SANDBOX_PUBLIC_URL. */
export function publicUrlFor(config: { publicUrl: string; port: number }, actualPort: number): string {
  const url = new URL(config.publicUrl);
  if (url.pathname !== '/' || url.search || url.hash) {
    // oidc-provider builds its URLs from the request path, so a path prefix (a proxy that strips it) would give wrong endpoints.
    throw new Error(`SANDBOX_PUBLIC_URL must be an origin without a path (got ${config.publicUrl})`);
  }
  if (config.port === 0 && url.port === '0') url.port = String(actualPort);
  return url.origin;
}
