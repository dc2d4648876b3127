'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { LIST_STATE_KEY } from './list-params';
import { ChevronLeftIcon } from '@/components/ui/icons';

const subscribe = () => () => {};
const readListState = () => sessionStorage.getItem(LIST_STATE_KEY) ?? '';
const noListState = () => '';

/** Back to the list with the search, status and page it last showed in this tab. */
export function BackToUsersLink() {
  const query = useSyncExternalStore(subscribe, readListState, noListState);
  return (
    <Link
      href={`/users${query}`}
      className="inline-flex items-center gap-1 text-sm font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
    >
      <ChevronLeftIcon />
      Back to users
    </Link>
  );
}
