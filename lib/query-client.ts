import { QueryClient } from '@tanstack/react-query';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retries live in one layer, the server's SCIM client (capped, with jitter).
        // A failed read shows its error with a Retry button instead.
        retry: false,
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
