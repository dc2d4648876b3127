// The audit record says whose credential made the call: the admin's token or the console's service identity.
import { beforeEach, describe, expect, it } from 'vitest';
import { recordById } from '@/lib/server/audit/testing/record-by-id';
import { createScimClient } from '@/lib/server/scim/client';
import { sendJson } from '@/lib/server/scim/testing/upstream';
import { upstreamAndAuditForThisFile } from '@/lib/server/api/testing/harness';
import { changeActivation } from './change-activation';

const { upstream, audit } = upstreamAndAuditForThisFile();

beforeEach(() => {
  let active = true;
  upstream().handle((req, res) => {
    if (req.method === 'PATCH') active = JSON.parse(req.body).Operations[0].value.active;
    return sendJson(res, 200, { id: 'u1', userName: 'bob@example.com', active, meta: { resourceType: 'User', version: 'W/"1"' } });
  });
});

const deactivate = (scim: ReturnType<typeof createScimClient>) =>
  changeActivation({
    scim,
    audit: audit(),
    capabilities: { etag: false, maxResults: 100, deleteDeactivates: true, sort: false },
    actor: { sub: 'sub-1', email: 'admin@example.com' },
    protectedUsers: [],
    requestId: 'req-1',
    id: 'u1',
    active: false,
    method: 'PATCH',
    reason: null,
  });

describe('call identity on the audit record', () => {
  it('is "admin-token" when the admin’s own token makes the call', async () => {
    const { auditRecordId } = await deactivate(
      createScimClient({ baseUrl: upstream().baseUrl, accessToken: 'admin-tok', timeoutMs: 2000 }),
    );
    expect(await recordById(audit(), auditRecordId!)).toMatchObject({ state: 'succeeded', identity: 'admin-token' });
    expect(upstream().requests.at(-1)?.headers.authorization).toBe('Bearer admin-tok');
  });

  it('is "service-identity" when the console’s own credential makes it, even with the admin’s token at hand', async () => {
    const serviceToken = { get: async () => 'svc-tok', invalidate: () => {} };
    const scim = createScimClient({ baseUrl: upstream().baseUrl, accessToken: 'admin-tok', serviceToken, timeoutMs: 2000 });
    const { auditRecordId } = await deactivate(scim);
    expect(await recordById(audit(), auditRecordId!)).toMatchObject({ state: 'succeeded', identity: 'service-identity' });
    expect(upstream().requests.at(-1)?.headers.authorization).toBe('Bearer svc-tok');
  });
});
