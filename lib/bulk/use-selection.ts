import { useCallback, useMemo, useState } from 'react';
import type { User, UserStatus } from '@/lib/users/types';

/** Which users a bulk action is about: picked ones (by id), or every user matching a search. */
export type Selection =
  { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'all'; query: { q: string; status: UserStatus }; total: number };

export type SelectionApi = {
  selection: Selection;
  count: number;
  isSelected(id: string): boolean;
  toggle(user: Pick<User, 'id'>): void;
  /** Selects (or clears) every user of the page shown. */
  togglePage(users: readonly Pick<User, 'id'>[]): void;
  selectAllMatching(total: number): void;
  clear(): void;
};

const NONE: Selection = { kind: 'ids', ids: new Set() };

/**
 * The /users selection. It survives paging (ids are kept across pages) and is
 * cleared by a new search or status: it is keyed by them.
 */
export function useSelection(query: { q: string; status: UserStatus }): SelectionApi {
  const key = `${query.status}\u0000${query.q}`;
  const [state, setState] = useState<{ key: string; selection: Selection }>({ key, selection: NONE });
  const selection = state.key === key ? state.selection : NONE;
  const set = useCallback((next: Selection) => setState({ key, selection: next }), [key]);

  return useMemo(() => {
    const ids = selection.kind === 'ids' ? selection.ids : new Set<string>();
    return {
      selection,
      count: selection.kind === 'all' ? selection.total : ids.size,
      isSelected: (id) => selection.kind === 'all' || ids.has(id),
      toggle(user) {
        if (selection.kind === 'all') return set({ kind: 'ids', ids: new Set([user.id]) });
        const next = new Set(ids);
        if (next.has(user.id)) next.delete(user.id);
        else next.add(user.id);
        set({ kind: 'ids', ids: next });
      },
      togglePage(users) {
        const next = new Set(selection.kind === 'all' ? [] : ids);
        const all = selection.kind === 'all' || users.every((u) => next.has(u.id));
        for (const u of users) {
          if (all) next.delete(u.id);
          else next.add(u.id);
        }
        set({ kind: 'ids', ids: next });
      },
      selectAllMatching: (total) => set({ kind: 'all', query, total }),
      clear: () => set(NONE),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- query is keyed by `key`
  }, [selection, set, key]);
}
