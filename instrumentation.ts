// Next.js runs register() once when a server starts, before it serves a
// request: open the audit store, which runs its migrations, so an unusable
// database stops start-up loudly instead of failing the first change.
// NEXT_RUNTIME is Next's own build-time variable, not configuration (that is
// lib/server/env.ts's); checking it keeps the database code out of the edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getAuditStore } = await import('@/lib/server/audit/store');
  const { log } = await import('@/lib/server/log');
  try {
    await getAuditStore();
    log.info('audit store ready (migrations applied)');
  } catch (error) {
    log.error('audit store unusable at start; refusing to serve', { error });
    // Next logs a failed register() but keeps the process up, serving nothing useful.
    process.exit(1);
  }
}
