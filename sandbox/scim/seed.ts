// Deterministic seed users: the same `count` gives the same users on every run
// and machine (pure functions of the index, a fixed epoch, no Date.now()), so
// tests and e2e specs can name them.
//
// The first six are fixed, easy to name, and come first in the default order (by id):
//   index 0  005Dn0000000001IAA  aaron.aaberg@example.com        Aaron Aaberg        active  (sorts first by userName)
//   index 1  005Dn0000000002IAA  zoe.obrien@example.com          Zoë O'Brien         active
//   index 2  005Dn0000000003IAA  jose.alvarez-nunez@example.com  José Álvarez-Núñez  active
//   index 3  005Dn0000000004IAA  bjorn.odegard@example.com       Björn Ødegård       INACTIVE
//   index 4  005Dn0000000005IAA  siobhan.ni-bhriain@example.com  Siobhán Ní Bhriain  active
//   index 5  005Dn0000000006IAA  anne-marie.lefevre@example.com  Anne-Marie Lefèvre  INACTIVE
// From index 6 on: `<given>.<family><index>@example.com` from fixed name lists, e.g.
//   index 6  ruta.novak6@example.com (Rūta Novák, active), index 7 katerina.nakamura7@example.com
//   (Kateřina Nakamura, INACTIVE), index 12 lars.schroder12@example.com (Lars Schröder, INACTIVE).
// One more is fixed (salesforce flavor): index 57 (005Dn000000000wIAA) workflow.user@example.com,
// "Workflow User", active, Salesforce's Default Workflow User: deactivating it (PATCH, PUT or DELETE)
// is refused with Salesforce's message (see DEACTIVATION_REFUSALS). It sits past the first 40 active
// users, which this project's e2e specs pick from.
// About 20% are inactive (hash(index, 3) % 5 === 0; 19,853 of 100,000). Every 7th user's work
// email is written with capitals (Aaron.Aaberg@Example.Com; userName stays lowercase); every 3rd
// also has a "home" email. Everyone but index 0 has a manager earlier in the list
// (index ⌊(i-1)/8⌋). Find users with e.g. `filter=userName sw "zoe.obrien"` or `active eq false`.
// Ids are Salesforce-like 18-char "005…" ids whose order is the index order.
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schema';
import type { Json } from './resource';

const DAY_MS = 24 * 3600 * 1000;
const ONE_YEAR = 365 * DAY_MS;

/** The seed's "now": midnight UTC of the day it is seeded, so dates are recent yet the same all day. */
export function seedDay(now: number = Date.now()): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

const FIXED: { given: string; family: string; userName: string; active: boolean; title: string; department: string }[] = [
  { given: 'Aaron', family: 'Aaberg', userName: 'aaron.aaberg@example.com', active: true, title: 'QA Lead', department: 'Quality' },
  {
    given: 'Zoë',
    family: "O'Brien",
    userName: 'zoe.obrien@example.com',
    active: true,
    title: 'Engineering Manager',
    department: 'Engineering',
  },
  {
    given: 'José',
    family: 'Álvarez-Núñez',
    userName: 'jose.alvarez-nunez@example.com',
    active: true,
    title: 'Account Executive',
    department: 'Sales',
  },
  {
    given: 'Björn',
    family: 'Ødegård',
    userName: 'bjorn.odegard@example.com',
    active: false,
    title: 'Support Engineer',
    department: 'Support',
  },
  {
    given: 'Siobhán',
    family: 'Ní Bhriain',
    userName: 'siobhan.ni-bhriain@example.com',
    active: true,
    title: 'Legal Counsel',
    department: 'Legal',
  },
  {
    given: 'Anne-Marie',
    family: 'Lefèvre',
    userName: 'anne-marie.lefevre@example.com',
    active: false,
    title: 'Controller',
    department: 'Finance',
  },
];

// No given name sorts before "aaron", so aaron.aaberg@example.com stays first.
const GIVEN = [
  'Amélie',
  'Björn',
  'Chloé',
  'Dmitri',
  'Eoin',
  'François',
  'Gráinne',
  'Håkon',
  'Inés',
  'Jürgen',
  'Kateřina',
  'Łukasz',
  'Mårten',
  'Niamh',
  'Oğuz',
  'Pilar',
  'Rūta',
  'Søren',
  'Tomás',
  'Ümit',
  'Valérie',
  'Wojciech',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Mary-Kate',
  'Jean-Luc',
  'Priya',
  'Kwame',
  'Mei',
  'Hiroshi',
  'Fatima',
  'Oluwaseun',
  'Sinéad',
  'Ángel',
  'Noémie',
  'Lars',
  'Ana',
  'Raúl',
  'Éowyn',
];
const FAMILY = [
  "O'Brien",
  'Álvarez-Núñez',
  'Ødegård',
  'Ní Bhriain',
  'Lefèvre',
  'Müller',
  'García',
  'Nowak',
  'Dvořák',
  'Kowalczyk',
  "D'Angelo",
  'Smith-Jones',
  'Østergaard',
  'Çelik',
  'Nakamura',
  'Okafor',
  'Mac Giolla Phádraig',
  'Schröder',
  'Peña',
  'Lindqvist',
  'Van der Berg',
  'Ó Súilleabháin',
  'Fernández',
  'Żukowski',
  'Brontë',
  'Haddad',
  'Kim',
  'Novák',
  'Sørensen',
  'Cruz',
];
const TITLES = [
  'Engineer',
  'Senior Engineer',
  'Product Manager',
  'Designer',
  'Support Engineer',
  'Account Executive',
  'Analyst',
  'Recruiter',
  'Director',
  'Technician',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Support', 'Finance', 'Marketing', 'Legal', 'People', 'Operations', 'Quality', 'Research'];

/** A 32-bit integer hash (mulberry32 finaliser): spreads consecutive indexes. */
export function hash(n: number, salt = 0): number {
  let t = (n + 0x6d2b79f5 * (salt + 1)) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

const pick = <T>(list: readonly T[], h: number): T => list[h % list.length] as T;

/** "Zoë O'Brien" → "zoe", "obrien": lowercase ASCII for userNames. */
export function asciiSlug(s: string): string {
  return s
    .replace(/[Øø]/g, 'o')
    .replace(/[Łł]/g, 'l')
    .replace(/[Ææ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/\s+/g, '-')
    .toLowerCase();
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Salesforce-style 18-char id: "005" (User key prefix) + "Dn0" + 9 base62 digits of
 * `seq` + the 3-char case-safety suffix. The alphabet is in ASCII order, so ids sort as `seq` does.
 */
export function userId(seq: number): string {
  let digits = '';
  for (let n = seq, i = 0; i < 9; i += 1, n = Math.floor(n / 62)) digits = BASE62[n % 62] + digits;
  const base = `005Dn0${digits}`;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let flags = 0;
    for (let j = 0; j < 5; j += 1) {
      const c = base[chunk * 5 + j] as string;
      if (c >= 'A' && c <= 'Z') flags |= 1 << j;
    }
    suffix += SUFFIX[flags];
  }
  return base + suffix;
}

type Person = { given: string; family: string; userName: string; active: boolean; title: string; department: string };

/** Seed index of Salesforce's Default Workflow User (once francois.okafor57: active, used by no e2e spec). */
export const WORKFLOW_USER_INDEX = 57;
const WORKFLOW_USER: Person = {
  given: 'Workflow',
  family: 'User',
  userName: 'workflow.user@example.com',
  active: true,
  title: 'Integration User',
  department: 'Operations',
};

/**
 * Users whose deactivation Salesforce refuses, by id, with its message (Salesforce Help, "Salesforce Error When
 * Deactivating a User That is the Default Owner of Cases or Automation", article 000384586). The salesforce flavor only.
 */
export const DEACTIVATION_REFUSALS: ReadonlyMap<string, string> = new Map([
  [userId(WORKFLOW_USER_INDEX + 1), 'You cannot deactivate the Default Workflow User'],
]);

function seedPerson(index: number): Person {
  const fixed = FIXED[index] ?? (index === WORKFLOW_USER_INDEX ? WORKFLOW_USER : undefined);
  if (fixed) return fixed;
  const given = pick(GIVEN, hash(index, 1));
  const family = pick(FAMILY, hash(index, 2));
  return {
    given,
    family,
    userName: `${asciiSlug(given)}.${asciiSlug(family)}${index}@example.com`,
    active: hash(index, 3) % 5 !== 0,
    title: pick(TITLES, hash(index, 4)),
    department: pick(DEPARTMENTS, hash(index, 5)),
  };
}

/** Every user but the first reports to one earlier in the list, forming a tree rooted at index 0. */
const managerIndex = (index: number): number | undefined => (index === 0 ? undefined : Math.floor((index - 1) / 8));

/**
 * The full SCIM resource for seed index `index` (seq = index + 1), without meta.location. `day` (see seedDay) is the
 * seed's "now": created and lastModified fall in the year before it, the same for the same day.
 */
export function seedUser(index: number, day: number = seedDay()): Json {
  const p = seedPerson(index);
  const displayName = `${p.given} ${p.family}`;
  // hash / 2^32 is a fraction in [0, 1): a 32-bit hash taken modulo a year of milliseconds would span only 49 days.
  const created = day - Math.floor((hash(index, 6) / 2 ** 32) * ONE_YEAR);
  const lastModified = created + Math.floor((hash(index, 7) / 2 ** 32) * (day - created));
  const workEmail =
    index % 7 === 0 ? p.userName.replace(/(^|[.@-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()) : p.userName;
  const emails: Json[] = [{ value: workEmail, type: 'work', primary: true }];
  if (index % 3 === 0)
    emails.push({ value: `${asciiSlug(p.given)}.${asciiSlug(p.family)}@home.example.net`, type: 'home', primary: false });
  const m = managerIndex(index);
  const manager = m === undefined ? undefined : seedPerson(m);
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: userId(index + 1),
    userName: p.userName,
    name: { formatted: displayName, familyName: p.family, givenName: p.given },
    displayName,
    title: p.title,
    active: p.active,
    emails,
    [ENTERPRISE_SCHEMA]: {
      employeeNumber: String(100000 + index),
      department: p.department,
      ...(m !== undefined && manager ? { manager: { value: userId(m + 1), displayName: `${manager.given} ${manager.family}` } } : {}),
    },
    meta: {
      resourceType: 'User',
      created: new Date(created).toISOString(),
      lastModified: new Date(lastModified).toISOString(),
      version: 'W/"1"',
    },
  };
}
