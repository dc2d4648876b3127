'use client';

import { Alert } from '@/components/ui/alert';

// Server errors arrive here with a generic message and a digest for the logs.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <Alert title="This page could not be shown." onRetry={() => retry()}>
        <p>Try again in a moment. If it keeps happening, give an administrator the reference below.</p>
        {digest ? (
          <p className="mt-1 text-xs">
            Reference: <code>{digest}</code>
          </p>
        ) : null}
      </Alert>
    </div>
  );
}
