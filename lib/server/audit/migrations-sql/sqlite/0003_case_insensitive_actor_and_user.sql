drop index "audit_records_actor_email_keyset"
;
create index "audit_records_actor_email_keyset_lower" on audit_records (lower("actor_email"), created_at, seq)
;
drop index "audit_records_user_name_keyset"
;
create index "audit_records_user_name_keyset_lower" on audit_records (lower("target_user_name"), created_at, seq)