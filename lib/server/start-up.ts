import 'server-only';
// What a console process does before it serves anything (instrumentation.ts).

import { getAuditStore } from '@/lib/server/audit/store';
import { startJobWorker } from '@/lib/server/jobs/runtime';
import { log } from '@/lib/server/log';
import { startWebhookDelivery } from '@/lib/server/webhooks/runtime';

/** Opens the audit store, which runs its migrations: an unusable database stops start-up loudly instead of failing the first change. */
export async function openAuditStoreOrExit(): Promise<void> {
  try {
    await getAuditStore();
    log.info('audit store ready (migrations applied)');
    // Jobs live in the same database: a job a stopped console left running resumes here.
    await startJobWorker();
    // So is the webhook outbox: events a stopped console left undelivered go out now.
    await startWebhookDelivery();
  } catch (error) {
    log.error('audit store unusable at start; refusing to serve', { error });
    // Next logs a failed register() but keeps the process up, serving nothing useful.
    process.exit(1);
  }
}
