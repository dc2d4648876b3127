import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { signInPath } from '@/components/auth/sign-in-url';
import { UserDetail } from '@/components/users/user-detail';
import { getConsoleContext } from '@/lib/console-context';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await getConsoleContext();
  if (!context || context.sessionError) {
    const callbackUrl = `/users/${encodeURIComponent(id)}`;
    redirect(signInPath({ callbackUrl, error: context?.sessionError ? 'SessionExpired' : undefined }));
  }
  // The API validates ids strictly; this only spares an obviously impossible one a round trip.
  if (id.length === 0 || id.length > 256) notFound();

  const { viewer, capabilities, scimHost } = context;
  return <UserDetail key={id} id={id} role={viewer.role} capabilities={capabilities} scimHost={scimHost} />;
}
