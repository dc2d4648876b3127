alter table "audit_records" add column "reason_code" text
;
alter table "audit_records" add column "ticket" text
;
create index "audit_records_reason_code_keyset" on "audit_records" ("reason_code", "created_at", "seq")
;
create index "audit_records_ticket_keyset" on "audit_records" ("ticket", "created_at", "seq")
;
CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit_records is append-only: rows are never deleted'; END IF;
       IF OLD.state <> 'pending' OR NEW.state NOT IN ('succeeded', 'failed', 'reconciled') OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.id IS DISTINCT FROM OLD.id OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.actor_sub IS DISTINCT FROM OLD.actor_sub OR NEW.actor_email IS DISTINCT FROM OLD.actor_email OR NEW.target_id IS DISTINCT FROM OLD.target_id OR NEW.target_user_name IS DISTINCT FROM OLD.target_user_name OR NEW.action IS DISTINCT FROM OLD.action OR NEW.method IS DISTINCT FROM OLD.method OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.before_active IS DISTINCT FROM OLD.before_active OR NEW.before_version IS DISTINCT FROM OLD.before_version OR NEW.job_id IS DISTINCT FROM OLD.job_id OR NEW.session_id IS DISTINCT FROM OLD.session_id OR NEW.provider IS DISTINCT FROM OLD.provider OR NEW.call_identity IS DISTINCT FROM OLD.call_identity OR NEW.reason_code IS DISTINCT FROM OLD.reason_code OR NEW.ticket IS DISTINCT FROM OLD.ticket THEN
         RAISE EXCEPTION 'audit_records is append-only: only pending -> final may change, once';
       END IF;
       RETURN NEW;
     END $$
;
alter table "jobs" add column "reason_code" text
;
alter table "jobs" add column "ticket" text