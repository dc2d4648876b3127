// Whether the SCIM provider is answering, seen from this console process's own
// calls (docs/decisions/0052-provider-down.md). Opens after FAILURES_TO_OPEN
// failed attempts in a row (timeout, connection refused, 5xx); the first
// answer below 500 closes it. It only informs the banner: calls are not refused.

import type { ProviderStatus } from '@/lib/users/types';
import type { ScimError } from './errors';

export const FAILURES_TO_OPEN = 3;

export type ProviderHealth = {
  success(): void;
  failure(error: ScimError): void;
  status(): ProviderStatus;
};

/** A failure that says the provider is down, not that it refused (4xx, a bad id, a redirect). */
function isOutage(error: ScimError): boolean {
  if (error.kind === 'timeout' || error.kind === 'network') return true;
  return error.kind === 'upstream' && error.status >= 500;
}

export function createProviderHealth(now: () => number = Date.now): ProviderHealth {
  let failures = 0;
  let lastError: string | null = null;
  let lastSuccessAt: number | null = null;
  return {
    success() {
      failures = 0;
      lastError = null;
      lastSuccessAt = now();
    },
    failure(error) {
      // A refusal or an unreadable answer still proves the provider answered (success() saw the response).
      if (!isOutage(error)) return;
      failures++;
      lastError = error.detail;
    },
    status() {
      const available = failures < FAILURES_TO_OPEN;
      return {
        available,
        lastError: available ? null : lastError,
        lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
      };
    },
  };
}

/** This process's one record, fed by every SCIM client. */
export const providerHealth = createProviderHealth();
