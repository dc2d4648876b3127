create table "webhook_deliveries" ("seq" integer primary key autoincrement, "event_id" text not null, "event_type" text not null, "url" text not null, "payload" text not null, "audit_record_id" text, "created_at" text not null, "state" text not null check (state in ('pending', 'delivered', 'failed')), "attempts" integer default 0 not null, "next_attempt_at" text not null, "lease_owner" text, "lease_until" text, "delivered_at" text, "last_status" integer, "last_error" text, constraint "webhook_deliveries_event_url" unique ("event_id", "url"))
;
create index "webhook_deliveries_due" on "webhook_deliveries" ("state", "next_attempt_at")
;
create index "webhook_deliveries_audit_record" on "webhook_deliveries" ("audit_record_id", "state")