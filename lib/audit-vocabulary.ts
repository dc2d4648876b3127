// The audit log's words, defined once. The database columns, the store, the
// API's DTOs and schemas, the write path and the UI all import them from here.
// Plain constants, no zod: the browser bundles this file.

/** What an activation change asks for. */
export const ACTIVATION_ACTIONS = ['deactivate', 'reactivate'] as const;
export type ActivationAction = (typeof ACTIVATION_ACTIONS)[number];

/** A sign-in or sign-out, recorded in the same log (docs/decisions/0043-session-events.md). */
export const SESSION_ACTIONS = ['sign-in', 'sign-out'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/** Every action the audit log shows and filters on; only activation actions change a user. */
export const AUDIT_ACTIONS = [...ACTIVATION_ACTIONS, ...SESSION_ACTIONS] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const isActivationAction = (action: AuditAction): action is ActivationAction =>
  (ACTIVATION_ACTIONS as readonly string[]).includes(action);

/** How the console asks the provider: PATCH active, or DELETE (docs/decisions/0015-delete-deactivates.md). */
export const ACTIVATION_METHODS = ['PATCH', 'DELETE'] as const;
export type ActivationMethod = (typeof ACTIVATION_METHODS)[number];

/**
 * An audit record's state: written `pending` before the upstream call, then
 * changed once to a final state (docs/decisions/0016-audit-before-change.md,
 * 0032-reconciliation.md).
 */
export const AUDIT_STATES = ['pending', 'succeeded', 'failed', 'reconciled'] as const;
export type AuditState = (typeof AUDIT_STATES)[number];
export const FINAL_AUDIT_STATES = ['succeeded', 'failed', 'reconciled'] as const satisfies readonly AuditState[];

/** Who produced a state the console observed (docs/decisions/0031-append-only-and-observations.md). */
export const OBSERVATION_SOURCES = ['console', 'outside', 'reconcile', 'first-seen'] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

/**
 * Whose credential made the provider call (docs/decisions/0054-call-identity.md): the signed-in
 * admin's own token, or the console's service identity (SCIM_AUTH=service, or unattended work).
 */
export const CALL_IDENTITIES = ['admin-token', 'service-identity'] as const;
export type CallIdentity = (typeof CALL_IDENTITIES)[number];

export const actionFor = (active: boolean): ActivationAction => (active ? 'reactivate' : 'deactivate');
