drop index "audit_records_target"
;
drop index "audit_records_created"
;
create index "audit_records_keyset" on "audit_records" ("created_at", "seq")
;
create index "audit_records_target_keyset" on "audit_records" ("target_id", "created_at", "seq")
;
create index "audit_records_actor_email_keyset" on "audit_records" ("actor_email", "created_at", "seq")
;
create index "audit_records_actor_sub_keyset" on "audit_records" ("actor_sub", "created_at", "seq")
;
create index "audit_records_user_name_keyset" on "audit_records" ("target_user_name", "created_at", "seq")
;
create index "audit_records_action_keyset" on "audit_records" ("action", "created_at", "seq")
;
create index "audit_records_state_keyset" on "audit_records" ("state", "created_at", "seq")
;
create table "audit_observations" ("seq" integer primary key autoincrement, "id" text not null unique, "observed_at" text not null, "target_id" text not null, "target_user_name" text, "active" integer, "version" text, "last_modified" text, "source" text not null check (source in ('console', 'outside', 'reconcile', 'first-seen')), "activation_id" text, "previous_active" integer, "previous_version" text)
;
create index "audit_observations_target" on "audit_observations" ("target_id", "seq")
;
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: rows are never deleted'); END
;
CREATE TRIGGER audit_records_final_once BEFORE UPDATE ON audit_records
         WHEN OLD.state <> 'pending' OR NEW.state NOT IN ('succeeded', 'failed', 'reconciled') OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.created_at IS NOT OLD.created_at OR NEW.actor_sub IS NOT OLD.actor_sub OR NEW.actor_email IS NOT OLD.actor_email OR NEW.target_id IS NOT OLD.target_id OR NEW.target_user_name IS NOT OLD.target_user_name OR NEW.action IS NOT OLD.action OR NEW.method IS NOT OLD.method OR NEW.reason IS NOT OLD.reason OR NEW.before_active IS NOT OLD.before_active OR NEW.before_version IS NOT OLD.before_version
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: only pending -> final may change, once'); END
;
CREATE TRIGGER audit_observations_no_update BEFORE UPDATE ON audit_observations
         BEGIN SELECT RAISE(ABORT, 'audit_observations is append-only'); END
;
CREATE TRIGGER audit_observations_no_delete BEFORE DELETE ON audit_observations
         BEGIN SELECT RAISE(ABORT, 'audit_observations is append-only'); END