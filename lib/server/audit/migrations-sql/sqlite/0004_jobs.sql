alter table "audit_records" add column "job_id" text
;
create index "audit_records_job_keyset" on "audit_records" ("job_id", "created_at", "seq")
;
create index "audit_records_job_target" on "audit_records" ("job_id", "target_id")
;
DROP TRIGGER audit_records_final_once
;
CREATE TRIGGER audit_records_final_once BEFORE UPDATE ON audit_records
         WHEN OLD.state <> 'pending' OR NEW.state NOT IN ('succeeded', 'failed', 'reconciled') OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.created_at IS NOT OLD.created_at OR NEW.actor_sub IS NOT OLD.actor_sub OR NEW.actor_email IS NOT OLD.actor_email OR NEW.target_id IS NOT OLD.target_id OR NEW.target_user_name IS NOT OLD.target_user_name OR NEW.action IS NOT OLD.action OR NEW.method IS NOT OLD.method OR NEW.reason IS NOT OLD.reason OR NEW.before_active IS NOT OLD.before_active OR NEW.before_version IS NOT OLD.before_version OR NEW.job_id IS NOT OLD.job_id
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: only pending -> final may change, once'); END
;
create table "jobs" ("id" text primary key, "created_at" text not null, "finished_at" text, "actor_sub" text not null, "actor_email" text, "action" text not null, "method" text not null, "reason" text, "state" text not null, "reverts_job_id" text, "total" integer not null, "not_before" text, "backoff_level" integer default 0 not null, "token_sealed" text, "token_expires_at" text)
;
create index "jobs_state" on "jobs" ("state", "created_at")
;
create index "jobs_created" on "jobs" ("created_at", "id")
;
create table "job_items" ("job_id" text not null references "jobs" ("id"), "seq" integer not null, "target_id" text not null, "target_user_name" text, "state" text not null, "attempts" integer default 0 not null, "lease_owner" text, "lease_until" text, "upstream_status" integer, "detail" text, "finished_at" text, constraint "job_items_pk" primary key ("job_id", "seq"))
;
create index "job_items_state" on "job_items" ("job_id", "state", "seq")