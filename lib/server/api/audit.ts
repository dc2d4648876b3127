import 'server-only';
// GET /api/audit (one keyset page) and GET /api/audit/export (every matching
// row as streamed CSV). Admins and auditors only.

import { log } from '@/lib/server/log';
import { auditCsvStream } from '@/lib/server/audit/csv';
import { InvalidCursorError } from '@/lib/server/audit/cursor';
import type { AuditRecord } from '@/lib/server/audit/records';
import type { AuditEntry, AuditPage, WebhookDeliverySummary } from '@/lib/audit-log/types';
import { ApiFailure, apiRoute, type ApiDeps } from './handler';
import { AUDIT_READ_UNAVAILABLE_MESSAGE, openAudit, reconcileSweep } from './observe-and-reconcile';
import { auditFilterSchema, auditQuerySchema } from './schemas';

function toAuditEntry(r: AuditRecord, webhooks: WebhookDeliverySummary[] = []): AuditEntry {
  return {
    id: r.id,
    at: r.createdAt,
    finishedAt: r.finishedAt,
    requestId: r.requestId,
    actor: r.actor,
    target: r.target,
    action: r.action,
    method: r.method,
    reason: r.reason,
    reasonCode: r.reasonCode,
    ticket: r.ticket,
    outcome: r.state,
    activeBefore: r.before.active,
    activeAfter: r.after.active,
    versionBefore: r.before.version,
    versionAfter: r.after.version,
    upstreamStatus: r.upstreamStatus,
    error: r.errorDetail,
    jobId: r.jobId,
    sessionId: r.sessionId,
    provider: r.provider,
    identity: r.identity,
    webhooks,
  };
}

export function createAuditRoutes(deps: ApiDeps, now: () => Date = () => new Date()) {
  return {
    list: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('audit:read');
      const { cursor, limit, ...filter } = ctx.query(auditQuerySchema);
      const audit = await openAudit(ctx.auditStore, AUDIT_READ_UNAVAILABLE_MESSAGE);
      // Whoever reads the log settles a few crash leftovers first, so it shows outcomes, not "pending" forever.
      if (!cursor) await reconcileSweep({ audit, scim: ctx.scim, requestId: ctx.requestId });
      try {
        const page = await audit.queryAudit(filter, { cursor, limit });
        const webhooks = await audit.webhookDeliveries(page.records.map((r) => r.id));
        const body: AuditPage = { entries: page.records.map((r) => toAuditEntry(r, webhooks.get(r.id))), nextCursor: page.nextCursor };
        return Response.json(body);
      } catch (error) {
        if (error instanceof InvalidCursorError) throw new ApiFailure(400, error.message);
        throw error;
      }
    }),

    export: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('audit:export');
      const filter = ctx.query(auditFilterSchema);
      const audit = await openAudit(ctx.auditStore, AUDIT_READ_UNAVAILABLE_MESSAGE);
      log.info('audit export', { requestId: ctx.requestId, sub: ctx.actor.sub, email: ctx.actor.email, filter });
      const stream = auditCsvStream(audit, filter, {
        onError: (error) => log.error('audit export failed mid-stream', { requestId: ctx.requestId, error }),
      });
      return new Response(stream, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="audit-${now().toISOString().slice(0, 10)}.csv"`,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }),
  };
}
