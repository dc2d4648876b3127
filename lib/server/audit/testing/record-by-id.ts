import type { AuditRecord } from '../records';
import type { AuditStore } from '../store';

/** One record by id, for tests: the store itself has no need to look one up. */
export async function recordById(store: AuditStore, id: string): Promise<AuditRecord | undefined> {
  const { records } = await store.queryAudit({}, { limit: 200 });
  return records.find((r) => r.id === id);
}
