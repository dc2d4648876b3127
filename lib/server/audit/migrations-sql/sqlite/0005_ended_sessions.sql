create table "ended_sessions" ("session_id" text primary key, "ended_at" text not null, "expires_at" text not null)
;
create index "ended_sessions_expires_at" on "ended_sessions" ("expires_at")