import { randomUUID } from 'node:crypto';

// A client's X-Request-Id is never trusted: it would land in the audit log and
// upstream. It is only logged beside ours, and only when it looks like an id,
// so log lines stay one clean line.
const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type RequestIds = { requestId: string; clientRequestId?: string };

export function requestIdsFrom(headers: Headers): RequestIds {
  const requestId = randomUUID();
  const client = headers.get('x-request-id');
  return client && CLIENT_ID.test(client) ? { requestId, clientRequestId: client } : { requestId };
}
