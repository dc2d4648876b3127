import 'server-only';
// The production wiring of bulk jobs: job stores over the audit database, one worker per
// console process, started at boot (lib/server/start-up.ts) so a job left
// running by a stopped console resumes (docs/decisions/0070-durable-jobs.md).

import { env } from '@/lib/server/env';
import { getAuditDb, getAuditStore } from '@/lib/server/audit/store';
import { log } from '@/lib/server/log';
import { getCapabilities, getFallbackCapabilities } from '@/lib/server/scim/capabilities';
import type { ScheduleDeps } from '@/lib/server/api/schedule';
import { providerProfile } from '@/lib/server/scim/provider';
import { getServiceScimClient, scimClientFor, serviceIdentityAvailable } from '@/lib/server/scim/service-identity';
import { createJobStore, type JobStore } from './job-store';
import { openToken, sealToken } from './token-seal';
import { createJobWorker, type JobWorker } from './worker';

const holder = globalThis as typeof globalThis & { __scimConsoleJobWorker?: JobWorker };

/** A job store is a few closures over the one audit database handle (getAuditDb keeps that per process). */
const getJobStore = async (): Promise<JobStore> => createJobStore(await getAuditDb());

const sealJobToken = (jobId: string, token: string, scimBaseUrl?: string) => sealToken(env.AUTH_SECRET, jobId, token, scimBaseUrl);

export async function startJobWorker(): Promise<void> {
  if (holder.__scimConsoleJobWorker) return;
  const worker = createJobWorker({
    jobs: await getJobStore(),
    audit: await getAuditStore(),
    scimClient: scimClientFor,
    serviceClient: getServiceScimClient,
    capabilities: (client) => getCapabilities(client).catch(() => getFallbackCapabilities()),
    openToken: (jobId, sealed) => openToken(env.AUTH_SECRET, jobId, sealed),
    maxConcurrency: env.SCIM_MAX_CONCURRENCY,
    leaseMs: env.JOB_LEASE_SECONDS * 1000,
    protectedUsers: env.PROTECTED_USERS,
    writesPerMinute: providerProfile.writesPerMinute,
    scheduleTickMs: env.SCHEDULER_TICK_SECONDS * 1000,
  });
  holder.__scimConsoleJobWorker = worker;
  worker.start();
  log.info('job worker started', {
    owner: worker.owner,
    concurrency: env.SCIM_MAX_CONCURRENCY,
    writesPerMinute: providerProfile.writesPerMinute,
  });
}

/** A job was started or changed in this process: look for work now rather than at the next poll. */
function wakeJobWorker(): void {
  holder.__scimConsoleJobWorker?.wake();
}

/** What the schedule API (and a time-boxed reactivation) needs from this process (docs/decisions/0110-scheduled-changes-are-jobs.md). */
export const scheduleRouteDeps: ScheduleDeps = {
  jobStore: getJobStore,
  wake: wakeJobWorker,
  maxUsers: env.BULK_MAX_USERS,
  // Unattended work needs the console's own credential: without one every reactivation is permanent.
  policy: { timeBoxed: serviceIdentityAvailable, helpdeskMaxHours: env.HELPDESK_MAX_REACTIVATION_HOURS },
  hourMs: env.REACTIVATION_HOUR_SECONDS * 1000,
};

/** What the jobs API needs from this process. */
export const jobRouteDeps = {
  jobStore: getJobStore,
  seal: sealJobToken,
  wake: wakeJobWorker,
  maxUsers: env.BULK_MAX_USERS,
  schedule: scheduleRouteDeps,
};
