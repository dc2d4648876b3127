import { getAuditStore } from '@/lib/server/audit/store';
import { createHealthRoute, defaultHealthScim } from '@/lib/server/api/health';

export const GET = createHealthRoute({ auditStore: getAuditStore, scim: defaultHealthScim });
