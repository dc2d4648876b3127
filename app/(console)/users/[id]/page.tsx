import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { can } from '@/lib/authz';
import { UserDetail } from '@/components/users/user-detail';
import { dehydratedAnswers, readForPage } from '@/lib/server/api/page-read';
import { createUserRoutes } from '@/lib/server/api/users';
import { requireConsoleContext } from '@/lib/server/console-page';
import { isValidScimId } from '@/lib/server/scim/url';
import { userPath } from '@/lib/users/api-client';
import { userKeys } from '@/lib/users/query-keys';
import type { User } from '@/lib/users/types';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, scimHost } = await requireConsoleContext(`/users/${encodeURIComponent(id)}`);
  // The API's own id check (the same pattern): an id it would refuse is a page that cannot exist.
  if (!isValidScimId(id)) notFound();

  // Read on the server through the API's own route logic, so the user arrives with the HTML; the
  // browser asks itself for what could not be read here (a token to refresh, an error, a 404),
  // and for the capabilities, as before. A role that may not read users is not asked for a refusal.
  const read = can(viewer.role, 'users:read')
    ? await readForPage<{ user: User }, { id: string }>((deps) => createUserRoutes(deps).get, userPath(id), { id })
    : null;
  const state = dehydratedAnswers([[userKeys.detail(id), read?.user ?? null]]);

  return (
    <HydrationBoundary state={state}>
      <UserDetail key={id} id={id} role={viewer.role} scimHost={scimHost} />
    </HydrationBoundary>
  );
}
