import { getAuditStore } from '@/lib/audit/store';
import { createHealthRoute, defaultHealthScim } from '@/lib/api/health';

export const GET = createHealthRoute({ auditStore: getAuditStore, scim: defaultHealthScim });
