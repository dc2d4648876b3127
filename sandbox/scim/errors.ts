// SCIM error responses (RFC 7644 section 3.12): one exception type that every
// layer throws and the handler renders, so a refused request never half-applies.

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
    /** Extra response headers (WWW-Authenticate, Allow, ...). */
    readonly headers: Record<string, string> = {},
    /** A provider's own error body instead of RFC 7644's (Salesforce's {"Errors":[…]}). */
    readonly body?: unknown,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
export const notFound = (detail: string) => new ScimError(404, undefined, detail);

/** Salesforce's SCIM error shape: {"Errors":[{"description":"…","code":400}]}. */
export const salesforceError = (status: number, description: string) =>
  new ScimError(status, undefined, description, {}, { Errors: [{ description, code: status }] });

export type ScimErrorBody = { schemas: [string]; status: string; scimType?: ScimType; detail: string };

export function errorBody(error: ScimError): ScimErrorBody {
  return {
    schemas: [ERROR_SCHEMA],
    // RFC 7644 defines status as a string.
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}
