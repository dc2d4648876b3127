alter table "jobs" add column "kind" text default 'bulk' not null
;
alter table "jobs" add column "run_at" text
;
alter table "jobs" add column "started_at" text
;
alter table "jobs" add column "reactivate_until" text
;
alter table "jobs" add column "time_zone" text
;
alter table "jobs" add column "ran_late" integer
;
alter table "job_items" add column "expect_version" text
;
create index "jobs_state_run_at" on "jobs" ("state", "run_at")
;
create index "job_items_target" on "job_items" ("target_id", "job_id")