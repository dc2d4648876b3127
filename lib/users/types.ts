// Client-safe shapes the console's API returns. SCIM wire JSON is reshaped into
// these once, in lib/scim; components never see `urn:` schema names.
import { z } from 'zod';

export const userStatusSchema = z.enum(['all', 'active', 'inactive']);
export type UserStatus = z.infer<typeof userStatusSchema>;

export type UserMeta = {
  created: string | null;
  lastModified: string | null;
  /** Weak ETag such as W/"3"; null where the provider sends none. */
  version: string | null;
  location: string | null;
  resourceType: string | null;
};

export type User = {
  id: string;
  userName: string;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
  meta: UserMeta;
};

export type UserPage = {
  users: User[];
  totalResults: number;
  /** 1-based, as in SCIM. */
  startIndex: number;
  itemsPerPage: number;
};

export const userListParamsSchema = z.object({
  q: z.string().trim().max(200).default(''),
  status: userStatusSchema.default('all'),
  startIndex: z.coerce.number().int().min(1).max(1_000_000).default(1),
  count: z.coerce.number().int().min(1).max(200).default(25),
});
export type UserListParams = z.infer<typeof userListParamsSchema>;

export const activationBodySchema = z.object({
  active: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});
export type ActivationBody = z.infer<typeof activationBodySchema>;

export const deleteBodySchema = z.object({
  reason: z.string().trim().max(500).optional(),
});

/** Every error the console's API returns. `current` accompanies a 412. */
export type ApiError = {
  error: { status: number; message: string; scimType?: string; requestId: string };
  current?: User;
};

/** What the provider supports, discovered from its ServiceProviderConfig. */
export type ProviderCapabilities = {
  etag: boolean;
  sort: boolean;
  maxResults: number;
  /** DELETE deactivates (Salesforce) rather than removing the account. */
  deleteDeactivates: boolean;
};
