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
create table "audit_observations" ("seq" serial primary key, "id" text not null unique, "observed_at" text not null, "target_id" text not null, "target_user_name" text, "active" integer, "version" text, "last_modified" text, "source" text not null check (source in ('console', 'outside', 'reconcile', 'first-seen')), "activation_id" text, "previous_active" integer, "previous_version" text)
;
create index "audit_observations_target" on "audit_observations" ("target_id", "seq")
;
CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit_records is append-only: rows are never deleted'; END IF;
       IF OLD.state <> 'pending' OR NEW.state NOT IN ('succeeded', 'failed', 'reconciled') OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.id IS DISTINCT FROM OLD.id OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.actor_sub IS DISTINCT FROM OLD.actor_sub OR NEW.actor_email IS DISTINCT FROM OLD.actor_email OR NEW.target_id IS DISTINCT FROM OLD.target_id OR NEW.target_user_name IS DISTINCT FROM OLD.target_user_name OR NEW.action IS DISTINCT FROM OLD.action OR NEW.method IS DISTINCT FROM OLD.method OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.before_active IS DISTINCT FROM OLD.before_active OR NEW.before_version IS DISTINCT FROM OLD.before_version THEN
         RAISE EXCEPTION 'audit_records is append-only: only pending -> final may change, once';
       END IF;
       RETURN NEW;
     END $$
;
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
       FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()
;
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
;
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()
;
CREATE TRIGGER audit_observations_append_only BEFORE UPDATE OR DELETE ON audit_observations
       FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
;
CREATE TRIGGER audit_observations_no_truncate BEFORE TRUNCATE ON audit_observations
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()