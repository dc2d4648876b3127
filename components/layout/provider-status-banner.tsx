'use client';

import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { useProviderStatus } from '@/lib/users/use-provider-status';

/** "SCIM provider unavailable" on every page while the provider keeps failing; gone once it answers again. */
export function ProviderStatusBanner() {
  const status = useProviderStatus().data;
  if (!status || status.available) return null;
  return (
    <div className="mb-6">
      <Alert tone="error" title="SCIM provider unavailable">
        <p>Last error: {status.lastError ?? 'unknown'}</p>
        <p>
          Last successful call: <DateTime value={status.lastSuccessAt} fallback="none since the console started" />
        </p>
      </Alert>
    </div>
  );
}
