import { QueryClient } from '@tanstack/react-query';
import { isClientError } from '@/lib/users/api-client';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retries live in the server's SCIM client; here at most one more try, never for a 4xx.
        retry: (failureCount, error) => failureCount < 1 && !isClientError(error),
      },
      // A mutation is an admin's decision: never resend it behind their back.
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** A fresh client per server render; one shared client in the browser. */
export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
