import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UserDetail } from '@/components/users/user-detail';
import { requireConsoleContext } from '@/lib/server/console-page';
import { isValidScimId } from '@/lib/server/scim/url';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, scimHost } = await requireConsoleContext(`/users/${encodeURIComponent(id)}`);
  // The API's own id check (the same pattern): an id it would refuse is a page that cannot exist.
  if (!isValidScimId(id)) notFound();

  return <UserDetail key={id} id={id} role={viewer.role} scimHost={scimHost} />;
}
