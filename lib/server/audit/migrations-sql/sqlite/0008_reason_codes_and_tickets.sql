alter table "audit_records" add column "reason_code" text
;
alter table "audit_records" add column "ticket" text
;
create index "audit_records_reason_code_keyset" on "audit_records" ("reason_code", "created_at", "seq")
;
create index "audit_records_ticket_keyset" on "audit_records" ("ticket", "created_at", "seq")
;
DROP TRIGGER audit_records_final_once
;
CREATE TRIGGER audit_records_final_once BEFORE UPDATE ON audit_records
         WHEN OLD.state <> 'pending' OR NEW.state NOT IN ('succeeded', 'failed', 'reconciled') OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.created_at IS NOT OLD.created_at OR NEW.actor_sub IS NOT OLD.actor_sub OR NEW.actor_email IS NOT OLD.actor_email OR NEW.target_id IS NOT OLD.target_id OR NEW.target_user_name IS NOT OLD.target_user_name OR NEW.action IS NOT OLD.action OR NEW.method IS NOT OLD.method OR NEW.reason IS NOT OLD.reason OR NEW.before_active IS NOT OLD.before_active OR NEW.before_version IS NOT OLD.before_version OR NEW.job_id IS NOT OLD.job_id OR NEW.session_id IS NOT OLD.session_id OR NEW.provider IS NOT OLD.provider OR NEW.call_identity IS NOT OLD.call_identity OR NEW.reason_code IS NOT OLD.reason_code OR NEW.ticket IS NOT OLD.ticket
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: only pending -> final may change, once'); END
;
alter table "jobs" add column "reason_code" text
;
alter table "jobs" add column "ticket" text