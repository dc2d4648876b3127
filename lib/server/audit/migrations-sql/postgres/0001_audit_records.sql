create table "audit_records" ("seq" serial primary key, "id" text not null unique, "request_id" text not null, "created_at" text not null, "finished_at" text, "actor_sub" text not null, "actor_email" text, "target_id" text not null, "target_user_name" text, "action" text not null, "method" text not null, "reason" text, "state" text not null, "before_active" integer, "before_version" text, "after_active" integer, "after_version" text, "upstream_status" integer, "error_detail" text)
;
create index "audit_records_target" on "audit_records" ("target_id", "created_at")
;
create index "audit_records_created" on "audit_records" ("created_at")