// Next.js runs register() once when a server starts, before it serves a request.
// NEXT_RUNTIME is Next's own build-time variable, not configuration (that is
// lib/server/env.ts's): inside this branch the edge bundle drops the import, so
// the database code and its process.exit stay out of it (and out of the build's warnings).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { openAuditStoreOrExit } = await import('@/lib/server/start-up');
    await openAuditStoreOrExit();
  }
}
