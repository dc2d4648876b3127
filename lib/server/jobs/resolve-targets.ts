import 'server-only';
// Who a bulk job or dry run is about: a selection of ids, every user matching
// a search (read in pages within the provider's maximum), or pasted lines
// (userName, email or id). And what a dry run says will happen to each.

import type { ActivationAction } from '@/lib/audit-vocabulary';
import type { DryRun, PlannedChange, PlannedOutcome } from '@/lib/jobs/types';
import { ApiFailure } from '@/lib/server/api/handler';
import { getUserOrNull, type ScimClient } from '@/lib/server/scim/client';
import { buildUserFilter, scimString } from '@/lib/server/scim/filter';
import { isValidScimId } from '@/lib/server/scim/url';
import type { User, UserStatus } from '@/lib/users/types';

/** How many `eq` clauses one list lookup asks for; each line is two (userName, email). */
const LINES_PER_LOOKUP = 20;
const PARALLEL_READS = 4;

export const tooMany = (n: number, max: number) =>
  new ApiFailure(400, `This would change ${n} users; one job may change at most ${max}. Narrow the search or split the list.`);

/** A selection of ids, each once; refused (400) when one is not a SCIM id, or when there are more than `max`. */
export function selectedIds(ids: readonly string[], max: number): string[] {
  const unique = [...new Set(ids)];
  const bad = unique.find((id) => !isValidScimId(id));
  if (bad !== undefined) throw new ApiFailure(400, `users.ids: ${JSON.stringify(String(bad).slice(0, 80))} is not a valid id`);
  if (unique.length > max) throw tooMany(unique.length, max);
  return unique;
}

/** Every user matching the search, in the provider's order; refused above `max`. */
export async function usersMatching(
  scim: ScimClient,
  query: { q: string; status: UserStatus },
  opts: { pageSize: number; max: number },
): Promise<User[]> {
  const filter = buildUserFilter(query);
  const out: User[] = [];
  for (let startIndex = 1; ;) {
    const page = await scim.listUsers({ filter, startIndex, count: opts.pageSize });
    if (page.totalResults > opts.max) throw tooMany(page.totalResults, opts.max);
    out.push(...page.users);
    startIndex += page.users.length;
    if (page.users.length === 0 || out.length >= page.totalResults) break;
  }
  return dedupe(out);
}

/** Reads users by id, a few at a time; null where the provider has no such user. */
export async function usersById(scim: ScimClient, ids: readonly string[]): Promise<Map<string, User | null>> {
  const out = new Map<string, User | null>();
  await inParallel(ids, PARALLEL_READS, async (id) => {
    out.set(id, isValidScimId(id) ? await getUserOrNull(scim, id) : null);
  });
  return out;
}

type LineMatch = { line: string; users: User[] };

/** Each line matched by userName or email (case-insensitive), else read as an id. */
export async function usersForLines(scim: ScimClient, lines: readonly string[]): Promise<LineMatch[]> {
  const found = new Map<string, User[]>(lines.map((l) => [l.toLowerCase(), []]));
  const chunks: string[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_LOOKUP) chunks.push(lines.slice(i, i + LINES_PER_LOOKUP));
  await inParallel(chunks, PARALLEL_READS, async (chunk) => {
    const filter = chunk.map((l) => `userName eq ${scimString(l)} or emails.value eq ${scimString(l)}`).join(' or ');
    // Each line may match a few users (that is "ambiguous"): room for two per line.
    const page = await scim.listUsers({ filter, startIndex: 1, count: Math.min(200, chunk.length * 2 + 1) });
    for (const user of page.users) {
      const keys = [user.userName, user.email].filter((k): k is string => !!k).map((k) => k.toLowerCase());
      for (const key of new Set(keys)) found.get(key)?.push(user);
    }
  });
  const unmatched = lines.filter((l) => found.get(l.toLowerCase())!.length === 0 && isValidScimId(l));
  const byId = await usersById(scim, unmatched);
  return lines.map((line) => {
    const users = found.get(line.toLowerCase())!;
    const user = byId.get(line);
    return { line, users: users.length ? dedupe(users) : user ? [user] : [] };
  });
}

/** Why the console's own rules would refuse a user's change: `protected` (PROTECTED_USERS, the admin's own), or `not allowed` for this role. */
export type Refusal = (user: User) => 'protected' | 'not allowed' | null;

/** The dry run: each line or user with what a job would do to it. Nothing upstream is written. */
export function classify(action: ActivationAction, matches: readonly LineMatch[], allowed: boolean, refused: Refusal = () => null): DryRun {
  const items: PlannedChange[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { line, users } of matches) {
    if (users.length > 1) {
      items.push({ input: line, id: null, userName: null, outcome: 'ambiguous' });
      continue;
    }
    const user = users[0];
    if (!user) {
      items.push({ input: line, id: null, userName: null, outcome: 'not found' });
      continue;
    }
    // Two lines naming one user (its userName and its email): the first stands.
    if (seen.has(user.id)) {
      duplicates++;
      continue;
    }
    seen.add(user.id);
    items.push({ input: line, id: user.id, userName: user.userName, outcome: plannedFor(action, user, allowed, refused) });
  }
  const counts: DryRun['counts'] = {};
  for (const item of items) counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
  const ids = items.filter((i) => i.outcome.startsWith('will ')).map((i) => i.id!);
  return { action, items, counts, duplicates, ids };
}

function plannedFor(action: ActivationAction, user: User, allowed: boolean, refused: Refusal): PlannedOutcome {
  if (!allowed) return 'not allowed';
  if (action === 'deactivate') return user.active ? (refused(user) ?? 'will deactivate') : 'already inactive — skipped';
  return user.active ? 'already active — skipped' : (refused(user) ?? 'will reactivate');
}

function dedupe(users: User[]): User[] {
  return [...new Map(users.map((u) => [u.id, u])).values()];
}

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(lanes);
}
