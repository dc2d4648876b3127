// `npm run bench`, part `jobs`: one bulk job of 1,000 users through the running console, with a
// fixed latency added upstream to every SCIM call, timed from POST /api/jobs to the job's end.
// The floor is 1,000 × 2 calls (the read, then the write) × latency ÷ SCIM_MAX_CONCURRENCY.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggedRequest, WriteCount } from '../sandbox/test-hooks';
import { figure, type Figure } from './lib/figures';

export const JOB_USERS = 1_000;
/** Users the sandbox is seeded with for this part: about 80% are active, so 1,000 active ones exist. */
export const JOB_SANDBOX_USERS = 1_500;
const CONCURRENCY = 4; // the console's default SCIM_MAX_CONCURRENCY

type Deps = {
  consoleDirect: string;
  consoleUrl: string;
  cookie: string;
  sandboxDirect: string;
  machineToken: () => Promise<string>;
  hook: (pathname: string, init?: RequestInit) => Promise<Response>;
  latencyMs: number;
};

type JobView = { state: string; total: number; counts: Record<string, number> };

export async function jobFigures(deps: Deps): Promise<Figure[]> {
  const ids = await activeUserIds(deps, JOB_USERS);
  await deps.hook('/requests', { method: 'DELETE' });
  await deps.hook('/faults', { method: 'POST', body: JSON.stringify({ kind: 'latency', latencyMs: deps.latencyMs }) });
  const loadBefore = os.loadavg()[0]!;
  const started = performance.now();
  const res = await fetch(`${deps.consoleDirect}/api/jobs`, {
    method: 'POST',
    headers: { cookie: deps.cookie, origin: deps.consoleUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'deactivate', reason: 'bench', users: { ids } }),
  });
  if (res.status !== 202) throw new Error(`POST /api/jobs answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  let job: JobView;
  for (;;) {
    const poll = await fetch(`${deps.consoleDirect}/api/jobs/${id}?limit=1`, { headers: { cookie: deps.cookie } });
    if (!poll.ok) throw new Error(`GET /api/jobs/${id} answered ${poll.status}`);
    job = ((await poll.json()) as { job: JobView }).job;
    if (job.state !== 'running') break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = os.loadavg()[0]!;

  if (job.state !== 'done' || job.counts.succeeded !== JOB_USERS) {
    throw new Error(`the bench job ended ${job.state} with ${JSON.stringify(job.counts)}`);
  }
  const writes = (await (await deps.hook('/writes')).json()) as Record<string, WriteCount>;
  const twice = Object.values(writes).filter((w) => w.writes !== 1).length;
  if (Object.keys(writes).length !== JOB_USERS || twice > 0)
    throw new Error(`upstream writes: ${Object.keys(writes).length} users, ${twice} more than once`);
  const requests = (await (await deps.hook('/requests')).json()) as LoggedRequest[];
  // The reference, on the same loaded machine and latency: the same calls made straight at the sandbox, as many at once.
  const direct = await directCalls(deps, ids);
  await deps.hook('/faults', { method: 'DELETE' });

  const floor = (JOB_USERS * 2 * deps.latencyMs) / 1000 / CONCURRENCY;
  const at = `bulk job: ${JOB_USERS.toLocaleString('en')} users, ${deps.latencyMs} ms per SCIM call`;
  return [
    figure(`${at}, start → done`, seconds, 's', {
      limit: { max: 15 },
      reference: { name: `the same calls straight to the sandbox, ${CONCURRENCY} at once`, value: direct },
    }),
    figure(`${at}, floor (2 calls × ${deps.latencyMs} ms ÷ ${CONCURRENCY})`, floor, 's'),
    figure(`${at}, upstream requests/s`, requests.length / seconds, 'req/s'),
    figure(`${at}, upstream writes/s`, JOB_USERS / seconds, 'writes/s'),
    // The machine is shared: the 1-minute load average at the end (and the start as reference) says how loaded it was.
    figure(`${at}, load average (1 min) at the end`, loadAfter, '', { reference: { name: 'at the start', value: loadBefore } }),
  ];
}

/** Seconds for a GET and a PATCH (back to active) per user straight at the sandbox, CONCURRENCY at a time. */
async function directCalls(deps: Deps, ids: string[]): Promise<number> {
  const token = await deps.machineToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', value: { active: true } }],
  });
  const queue = [...ids];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const url = `${deps.sandboxDirect}/scim/v2/Users/${encodeURIComponent(id)}`;
        const read = await fetch(url, { headers });
        if (!read.ok) throw new Error(`GET /Users/${id} answered ${read.status}`);
        await read.arrayBuffer();
        const write = await fetch(url, { method: 'PATCH', headers, body });
        if (!write.ok) throw new Error(`PATCH /Users/${id} answered ${write.status}`);
        await write.arrayBuffer();
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** The first `n` active users that Salesforce lets the console deactivate (not its Default Workflow User). */
async function activeUserIds(deps: Deps, n: number): Promise<string[]> {
  const token = await deps.machineToken();
  const filter = 'active eq true and userName ne "workflow.user@example.com"';
  const ids: string[] = [];
  while (ids.length < n) {
    const url = `${deps.sandboxDirect}/scim/v2/Users?count=200&startIndex=${ids.length + 1}&attributes=id&filter=${encodeURIComponent(filter)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET /Users answered ${res.status}`);
    const page = ((await res.json()) as { Resources?: { id: string }[] }).Resources ?? [];
    if (page.length === 0) throw new Error(`the sandbox has only ${ids.length} active users`);
    ids.push(...page.map((u) => u.id));
  }
  return ids.slice(0, n);
}
