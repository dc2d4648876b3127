import { randomUUID } from 'node:crypto';

// A caller's id is kept only when it looks like an id, so log lines stay one clean line.
const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get('x-request-id');
  return incoming && INCOMING.test(incoming) ? incoming : randomUUID();
}
