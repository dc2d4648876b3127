// The User and EnterpriseUser schemas this sandbox implements (RFC 7643 sections
// 4.1 and 4.3). One source for /Schemas, filter and PATCH path resolution, and
// input validation, so what discovery says is what the server does.

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type AttrType = 'string' | 'boolean' | 'dateTime' | 'reference' | 'complex' | 'integer';

export type AttrDef = {
  name: string;
  type: AttrType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttrDef[];
  referenceTypes?: string[];
  canonicalValues?: string[];
};

type Opts = Partial<Omit<AttrDef, 'name' | 'type' | 'description'>>;

function attr(name: string, type: AttrType, description: string, opts: Opts = {}): AttrDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...opts,
  };
}

const typedMulti = (name: string, description: string, types: string[]): AttrDef =>
  attr(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      attr('value', 'string', `The ${name} value.`),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attr('type', 'string', "A label indicating the attribute's function.", { canonicalValues: types }),
      attr('primary', 'boolean', 'Indicates the primary value.'),
    ],
  });

const userAttributes: AttrDef[] = [
  attr('userName', 'string', 'Unique identifier for the User, used to sign in. Unique case-insensitively.', {
    required: true,
    uniqueness: 'server',
  }),
  attr('name', 'complex', "The components of the user's real name.", {
    subAttributes: [
      attr('formatted', 'string', 'The full name, formatted for display.'),
      attr('familyName', 'string', 'The family name of the User.'),
      attr('givenName', 'string', 'The given name of the User.'),
      attr('middleName', 'string', 'The middle name(s) of the User.'),
      attr('honorificPrefix', 'string', 'The honorific prefix(es) of the User.'),
      attr('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
    ],
  }),
  attr('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
  attr('nickName', 'string', 'The casual way to address the user.'),
  attr('title', 'string', 'The user\'s title, such as "Vice President".'),
  attr('userType', 'string', 'Identifies the relationship between the organization and the user.'),
  attr('preferredLanguage', 'string', "The User's preferred written or spoken language."),
  attr('locale', 'string', "The User's default location for localization."),
  attr('timezone', 'string', "The User's time zone in IANA format."),
  attr('active', 'boolean', "The User's administrative status."),
  attr('password', 'string', "The User's cleartext password; accepted and never stored or returned.", {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  typedMulti('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  typedMulti('phoneNumbers', 'Phone numbers for the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
];

const enterpriseAttributes: AttrDef[] = [
  attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person.'),
  attr('costCenter', 'string', 'Identifies the name of a cost center.'),
  attr('organization', 'string', 'Identifies the name of an organization.'),
  attr('division', 'string', 'Identifies the name of a division.'),
  attr('department', 'string', 'Identifies the name of a department.'),
  attr('manager', 'complex', "The User's manager.", {
    subAttributes: [
      attr('value', 'string', "The id of the SCIM resource representing the User's manager.", { caseExact: true }),
      attr('$ref', 'reference', "The URI of the SCIM resource representing the User's manager.", {
        caseExact: true,
        referenceTypes: ['User'],
      }),
      attr('displayName', 'string', "The displayName of the User's manager.", { mutability: 'readOnly' }),
    ],
  }),
];

/** Common attributes (RFC 7643 section 3.1), resolvable in filters and sortBy. */
const commonAttributes: AttrDef[] = [
  attr('id', 'string', 'Unique identifier assigned by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'string', 'Identifier assigned by the provisioning client.', { caseExact: true }),
  attr('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'string', 'The resource type.', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attr('location', 'reference', 'The URI of the resource.', { caseExact: true, mutability: 'readOnly' }),
      attr('version', 'string', 'The weak ETag of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
];

/** The extension lives in the resource under its URN key; modelled as a complex attribute of that name. */
const enterpriseContainer: AttrDef = attr(ENTERPRISE_SCHEMA, 'complex', 'Enterprise User extension.', {
  subAttributes: enterpriseAttributes,
});

const rootAttributes: AttrDef[] = [...commonAttributes, ...userAttributes, enterpriseContainer];

/** A resolved attribute path: the keys into the resource and the definitions along the way. */
export type ResolvedPath = { keys: string[]; defs: AttrDef[]; text: string };

export const lastDef = (p: ResolvedPath): AttrDef => p.defs[p.defs.length - 1] as AttrDef;

function findChild(children: AttrDef[], name: string): AttrDef | undefined {
  const lower = name.toLowerCase();
  return children.find((d) => d.name.toLowerCase() === lower);
}

/**
 * Resolves "userName", "name.givenName", "emails.value", "urn:…:enterprise:2.0:User:manager.value",
 * "urn:…:core:2.0:User:userName" or the bare extension URN, case-insensitively.
 * `relativeTo` resolves sub-attribute names inside a value filter (emails[type eq "work"]).
 * Returns undefined for an unknown attribute; callers choose the error type.
 */
export function resolvePath(text: string, relativeTo?: ResolvedPath): ResolvedPath | undefined {
  let rest = text;
  let children = relativeTo ? (lastDef(relativeTo).subAttributes ?? []) : rootAttributes;
  const keys = relativeTo ? [...relativeTo.keys] : [];
  const defs = relativeTo ? [...relativeTo.defs] : [];
  if (!relativeTo && rest.toLowerCase().startsWith('urn:')) {
    const lower = rest.toLowerCase();
    if (lower.startsWith(ENTERPRISE_SCHEMA.toLowerCase())) {
      keys.push(ENTERPRISE_SCHEMA);
      defs.push(enterpriseContainer);
      children = enterpriseAttributes;
      rest = rest.slice(ENTERPRISE_SCHEMA.length);
    } else if (lower.startsWith(USER_SCHEMA.toLowerCase())) {
      rest = rest.slice(USER_SCHEMA.length);
    } else {
      return undefined;
    }
    if (rest === '') return keys.length > 0 ? { keys, defs, text } : undefined;
    if (!rest.startsWith(':')) return undefined;
    rest = rest.slice(1);
  }
  const names = rest.split('.');
  for (const name of names) {
    if (name === '') return undefined;
    const def = findChild(children, name);
    if (!def) return undefined;
    keys.push(def.name);
    defs.push(def);
    children = def.subAttributes ?? [];
  }
  return { keys, defs, text };
}

export const schemaDefinitions = [
  { id: USER_SCHEMA, name: 'User', description: 'User Account', attributes: [...userAttributes] },
  { id: ENTERPRISE_SCHEMA, name: 'EnterpriseUser', description: 'Enterprise User', attributes: enterpriseAttributes },
];

/** Top-level attributes a client may write (common read-only ones excluded). */
export const writableRoots: AttrDef[] = [
  ...commonAttributes.filter((d) => d.mutability !== 'readOnly'),
  ...userAttributes,
  enterpriseContainer,
];
