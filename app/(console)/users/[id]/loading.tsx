import { UserDetailSkeleton } from '@/components/users/user-detail-skeleton';

export default function UserLoading() {
  return <UserDetailSkeleton />;
}
