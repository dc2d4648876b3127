'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { LIST_STATE_KEY } from './list-params';

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
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
        <path
          fillRule="evenodd"
          d="M12.8 5.2a.75.75 0 0 1 0 1.06L9.06 10l3.74 3.74a.75.75 0 1 1-1.06 1.06l-4.27-4.27a.75.75 0 0 1 0-1.06L11.74 5.2a.75.75 0 0 1 1.06 0Z"
          clipRule="evenodd"
        />
      </svg>
      Back to users
    </Link>
  );
}
