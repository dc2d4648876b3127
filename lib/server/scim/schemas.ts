// SCIM wire JSON → the app's DTOs, in one place. Tolerant on purpose: real
// providers send "True" for true, omit meta fields, and use three error shapes.

import { z } from 'zod';
import type { ProviderCapabilities, User, UserPage } from '@/lib/users/types';
import { ScimError } from './errors';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Absent, null, or the wrong type all become null: one odd field must not hide a user. */
const optString = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' && v !== '' ? v : null));

const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((s) => s.toLowerCase() === 'true'),
]);

const emailSchema = z.object({ value: optString, primary: z.unknown().optional() }).passthrough();

const scimUserSchema = z
  .object({
    id: z.union([z.string().min(1), z.number().transform(String)]),
    userName: z.string().min(1),
    externalId: optString,
    displayName: optString,
    title: optString,
    // RFC 7643: absent `active` has no defined meaning; treating it as active
    // matches what providers that omit it do (they have no deactivation).
    active: scimBoolean.optional().default(true),
    name: z.object({ formatted: optString, givenName: optString, familyName: optString }).partial().passthrough().nullish().catch(null),
    emails: z.array(emailSchema).nullish().catch(null),
    meta: z
      .object({ created: optString, lastModified: optString, version: optString, location: optString, resourceType: optString })
      .partial()
      .passthrough()
      .nullish()
      .catch(null),
    [ENTERPRISE_USER_SCHEMA]: z.object({ department: optString }).partial().passthrough().nullish().catch(null),
  })
  .passthrough();
export type ScimUser = z.infer<typeof scimUserSchema>;

function primaryEmail(emails: ScimUser['emails']): string | null {
  if (!emails?.length) return null;
  const isPrimary = (e: (typeof emails)[number]) =>
    e.primary === true || (typeof e.primary === 'string' && e.primary.toLowerCase() === 'true');
  const primary = emails.find((e) => isPrimary(e) && e.value);
  return primary?.value ?? emails.find((e) => e.value)?.value ?? null;
}

/** The one SCIM User → `User` mapping. Throws a 502 ScimError on a body that is not a user. */
export function reshapeUser(raw: unknown): User {
  const parsed = scimUserSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScimError({ status: 502, kind: 'bad-response', detail: 'The SCIM provider returned a user the console cannot read.' });
  }
  const u = parsed.data;
  const givenName = u.name?.givenName ?? null;
  const familyName = u.name?.familyName ?? null;
  const joined = [givenName, familyName].filter(Boolean).join(' ');
  return {
    id: u.id,
    userName: u.userName,
    displayName: u.displayName ?? u.name?.formatted ?? (joined || null),
    givenName,
    familyName,
    email: primaryEmail(u.emails),
    emails: (u.emails ?? []).map((e) => e.value).filter((v): v is string => v !== null),
    externalId: u.externalId,
    title: u.title,
    department: u[ENTERPRISE_USER_SCHEMA]?.department ?? null,
    active: u.active,
    meta: {
      created: u.meta?.created ?? null,
      lastModified: u.meta?.lastModified ?? null,
      version: u.meta?.version ?? null,
      location: u.meta?.location ?? null,
      resourceType: u.meta?.resourceType ?? null,
    },
  };
}

const listResponseSchema = z
  .object({
    totalResults: z.coerce.number().int().min(0),
    startIndex: z.coerce.number().int().min(0).optional(),
    itemsPerPage: z.coerce.number().int().min(0).optional(),
    Resources: z.array(z.unknown()).nullish(),
  })
  .passthrough();

export function reshapeUserPage(raw: unknown, requested: { startIndex: number }): UserPage {
  const parsed = listResponseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScimError({ status: 502, kind: 'bad-response', detail: 'The SCIM provider returned a list the console cannot read.' });
  }
  const users = (parsed.data.Resources ?? []).map(reshapeUser);
  return {
    users,
    totalResults: parsed.data.totalResults,
    startIndex: parsed.data.startIndex || requested.startIndex,
    itemsPerPage: parsed.data.itemsPerPage ?? users.length,
  };
}

// RFC 7644 §3.12 error ({status:"404", scimType, detail}); Salesforce's
// [{errorCode, message}] and {Errors:[{description|message, code}]}.
const rfcErrorSchema = z.object({
  status: z.union([z.string(), z.number()]).optional(),
  scimType: z.string().optional(),
  detail: z.string().optional(),
});
const salesforceItemSchema = z.object({
  errorCode: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  description: z.string().optional(),
});

export type ParsedScimError = { detail: string | null; scimType?: string; code?: string };

export function parseScimErrorBody(raw: unknown): ParsedScimError {
  const items = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { Errors?: unknown }).Errors)
      ? (raw as { Errors: unknown[] }).Errors
      : null;
  if (items) {
    const first = salesforceItemSchema.safeParse(items[0]);
    if (first.success) {
      const code = first.data.errorCode ?? (first.data.code === undefined ? undefined : String(first.data.code));
      return { detail: first.data.message ?? first.data.description ?? code ?? null, code };
    }
    return { detail: null };
  }
  const rfc = rfcErrorSchema.safeParse(raw);
  if (rfc.success) return { detail: rfc.data.detail ?? null, scimType: rfc.data.scimType };
  return { detail: null };
}

const DEFAULT_MAX_RESULTS = 200;
const supported = z.object({ supported: scimBoolean.optional() }).passthrough().nullish().catch(null);

const serviceProviderConfigSchema = z
  .object({
    etag: supported,
    sort: supported,
    filter: z
      .object({ supported: scimBoolean.optional(), maxResults: z.coerce.number().int().positive().optional().catch(undefined) })
      .passthrough()
      .nullish()
      .catch(null),
  })
  .passthrough();

/** Capabilities from a ServiceProviderConfig body; page size is capped at 200 whatever the provider allows. */
export function parseCapabilities(raw: unknown, deleteDeactivates: boolean): ProviderCapabilities {
  const spc = serviceProviderConfigSchema.safeParse(raw);
  const data = spc.success ? spc.data : null;
  return {
    etag: data?.etag?.supported === true,
    maxResults: Math.min(data?.filter?.maxResults ?? DEFAULT_MAX_RESULTS, DEFAULT_MAX_RESULTS),
    deleteDeactivates,
    sort: data?.sort?.supported === true,
  };
}

/** When the provider cannot be asked: no If-Match, the default page cap, no sorting. */
export function fallbackCapabilities(deleteDeactivates: boolean): ProviderCapabilities {
  return { etag: false, maxResults: DEFAULT_MAX_RESULTS, deleteDeactivates, sort: false };
}
