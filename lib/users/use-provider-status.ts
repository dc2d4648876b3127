import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-request';
import type { ProviderStatus } from './types';

/** Polled: the banner must appear and clear by itself (docs/decisions/0052-provider-down.md). */
const POLL_MS = 10_000;

export function useProviderStatus() {
  return useQuery({
    queryKey: ['provider-status'] as const,
    queryFn: ({ signal }) => apiRequest<ProviderStatus>('/api/scim-status', { signal }),
    refetchInterval: POLL_MS,
    // A failed poll says nothing about the provider: keep the last answer.
    retry: false,
  });
}
