// The webhook vocabulary, defined once (docs/decisions/0100-webhook-outbox.md). Plain constants,
// no zod: the browser bundles this file (the /audit filter).

/** Every event the console sends: a change that happened, never an attempt that failed. */
export const WEBHOOK_EVENT_TYPES = [
  'user.deactivated',
  'user.reactivated',
  'job.finished',
  'schedule.executed',
  'reactivation.expired',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A delivery to one URL: `pending` until a 2xx (`delivered`) or until the retry window ends (`failed`). */
export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];
