// Whether an identity provider provisions this user, and so may undo a console change at its
// next sync: the provider's profile says all its users are (GitHub EMU, Atlassian), or this
// user has an `externalId` (RFC 7643 §3.1: the provisioning client's own identifier).
import type { ProviderInfo, User } from './types';

export function isIdpManaged(user: Pick<User, 'externalId'>, provider: Pick<ProviderInfo, 'idpManaged'> | undefined): boolean {
  return (provider?.idpManaged ?? false) || Boolean(user.externalId);
}
