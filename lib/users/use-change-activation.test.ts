import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeActivationOptions, type ChangeActivationVariables } from './use-change-activation';
import { userKeys } from './query-keys';
import { makeUser } from './testing/make-user';
import type { User, UserListParams, UserPage } from './types';

const user = makeUser;

const listParams: UserListParams = { q: '', status: 'all', startIndex: 1, count: 25 };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

const answer = (status: number, body: unknown) =>
  status === 204
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let queryClient: QueryClient;
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

/** The console's API, answering each user's request when the test says so. */
function setup(rows: User[]) {
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const page: UserPage = { users: rows, totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length };
  queryClient.setQueryData(userKeys.list(listParams), page);
  const pending = new Map<string, ReturnType<typeof deferred<Response>>>();
  const sent: { method: string; id: string }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const id = decodeURIComponent(path.split('/')[3]!);
    sent.push({ method: init.method!, id });
    const d = deferred<Response>();
    pending.set(id, d);
    return d.promise;
  });
  const errors: string[] = [];
  const results: unknown[] = [];
  const mutate = (variables: ChangeActivationVariables) =>
    new MutationObserver(
      queryClient,
      changeActivationOptions(queryClient, { onError: (error) => errors.push(error.message), onSuccess: (r) => results.push(r) }),
    )
      .mutate(variables)
      .catch(() => undefined);
  const row = (id: string) => queryClient.getQueryData<UserPage>(userKeys.list(listParams))?.users.find((u) => u.id === id);
  return { pending, sent, errors, results, mutate, row };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('changeActivationOptions', () => {
  it('rolls back only the failed row: B keeps its change when A fails after B succeeded', async () => {
    const { pending, errors, mutate, row } = setup([user('a', true), user('b', true)]);
    const a = mutate({ user: user('a', true), method: 'PATCH', active: false });
    await settle();
    const b = mutate({ user: user('b', true), method: 'PATCH', active: false });
    await settle();
    expect(row('a')?.active).toBe(false);
    expect(row('b')?.active).toBe(false);

    pending.get('b')!.resolve(answer(200, { user: user('b', false, 'W/"2"'), auditRecordId: 'rec-b' }));
    await b;
    pending.get('a')!.resolve(answer(502, { error: { status: 502, message: 'upstream down', requestId: 'r1' } }));
    await a;

    expect(row('a')).toMatchObject({ active: true, meta: { version: 'W/"1"' } });
    expect(row('b')).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    expect(errors).toEqual(['upstream down']);
  });

  it('settles on the answer, not after the refetch it starts: the row is usable again at once', async () => {
    const { pending, mutate, row } = setup([user('a', true)]);
    const refetch = deferred<UserPage>();
    const list = new QueryObserver(queryClient, {
      queryKey: userKeys.list(listParams),
      queryFn: () => refetch.promise,
      staleTime: Infinity,
    });
    const unsubscribe = list.subscribe(() => {});
    const run = mutate({ user: user('a', true), method: 'PATCH', active: false });
    await settle();
    pending.get('a')!.resolve(answer(200, { user: user('a', false, 'W/"2"'), auditRecordId: 'rec-a' }));
    const outcome = await Promise.race([run.then(() => 'settled'), new Promise((resolve) => setTimeout(resolve, 500, 'pending'))]);
    expect(outcome).toBe('settled');
    expect(queryClient.getQueryState(userKeys.list(listParams))?.fetchStatus).toBe('fetching');
    expect(row('a')).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    unsubscribe();
  });

  it('puts back the state the cache had, and a 412 shows the user as it is now', async () => {
    const { pending, mutate, row } = setup([user('a', false)]);
    queryClient.setQueryData(userKeys.detail('a'), user('a', false));
    const run = mutate({ user: user('a', false), method: 'PATCH', active: true });
    await settle();
    expect(row('a')?.active).toBe(true);
    expect(queryClient.getQueryData<User>(userKeys.detail('a'))?.active).toBe(true);

    pending
      .get('a')!
      .resolve(answer(412, { error: { status: 412, message: 'changed', requestId: 'r2' }, current: user('a', false, 'W/"7"') }));
    await run;
    expect(row('a')).toMatchObject({ active: false, meta: { version: 'W/"7"' } });
    expect(queryClient.getQueryData<User>(userKeys.detail('a'))).toMatchObject({ active: false, meta: { version: 'W/"7"' } });
  });

  it('sends DELETE for the DELETE method, and drops a removed user from the list', async () => {
    const { pending, sent, results, mutate, row } = setup([user('a', true), user('b', true)]);
    const run = mutate({ user: user('a', true), method: 'DELETE', active: false, reason: 'left' });
    await settle();
    expect(sent).toEqual([{ method: 'DELETE', id: 'a' }]);
    expect(row('a')?.active).toBe(false);

    pending.get('a')!.resolve(answer(200, { user: null, auditRecordId: 'rec-a' }));
    await run;
    expect(row('a')).toBeUndefined();
    expect(queryClient.getQueryData<UserPage>(userKeys.list(listParams))?.totalResults).toBe(1);
    expect(results).toEqual([{ user: null, auditRecordId: 'rec-a' }]);
  });
});
