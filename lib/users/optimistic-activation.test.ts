import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { activationMutationOptions } from './optimistic-activation';
import { userKeys, writeCachedUser } from './query-keys';
import { makeUser } from './testing/make-user';
import type { User, UserListParams, UserPage } from './types';

const user = makeUser;

const listParams: UserListParams = { q: '', status: 'all', startIndex: 1, count: 25 };
type Vars = { user: User; active: boolean };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let queryClient: QueryClient;
afterEach(() => queryClient.clear());

function setup(rows: User[]) {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const page: UserPage = { users: rows, totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length };
  queryClient.setQueryData(userKeys.list(listParams), page);
  const pending = new Map<string, ReturnType<typeof deferred<User>>>();
  const errors: string[] = [];
  const observer = () =>
    new MutationObserver(
      queryClient,
      activationMutationOptions<User, Vars>(queryClient, {
        mutationFn: ({ user: target }) => {
          const d = deferred<User>();
          pending.set(target.id, d);
          return d.promise;
        },
        optimisticActive: ({ active }) => active,
        applyResult: (client, updated) => writeCachedUser(client, updated),
        onError: (error) => errors.push(error.message),
      }),
    );
  const row = (id: string) => queryClient.getQueryData<UserPage>(userKeys.list(listParams))?.users.find((u) => u.id === id);
  return { pending, errors, observer, row };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('activationMutationOptions', () => {
  it('rolls back only the failed row: B keeps its change when A fails after B succeeded', async () => {
    const { pending, errors, observer, row } = setup([user('a', true), user('b', true)]);
    const a = observer()
      .mutate({ user: user('a', true), active: false })
      .catch(() => undefined);
    await settle();
    const b = observer().mutate({ user: user('b', true), active: false });
    await settle();
    expect(row('a')?.active).toBe(false);
    expect(row('b')?.active).toBe(false);

    pending.get('b')!.resolve(user('b', false, 'W/"2"'));
    await b;
    pending.get('a')!.reject(new ApiRequestError(502, 'upstream down'));
    await a;

    expect(row('a')).toMatchObject({ active: true, meta: { version: 'W/"1"' } });
    expect(row('b')).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    expect(errors).toEqual(['upstream down']);
  });

  it('puts back the state the cache had, and a 412 shows the user as it is now', async () => {
    const { pending, observer, row } = setup([user('a', false)]);
    queryClient.setQueryData(userKeys.detail('a'), user('a', false));
    const run = observer()
      .mutate({ user: user('a', false), active: true })
      .catch(() => undefined);
    await settle();
    expect(row('a')?.active).toBe(true);
    expect(queryClient.getQueryData<User>(userKeys.detail('a'))?.active).toBe(true);

    pending.get('a')!.reject(new ApiRequestError(412, 'changed', { current: user('a', false, 'W/"7"') }));
    await run;
    expect(row('a')).toMatchObject({ active: false, meta: { version: 'W/"7"' } });
    expect(queryClient.getQueryData<User>(userKeys.detail('a'))).toMatchObject({ active: false, meta: { version: 'W/"7"' } });
  });
});
