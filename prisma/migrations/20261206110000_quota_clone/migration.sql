-- Live usage (#17): Dovecot's quota_clone plugin writes each user's quota usage here through its dict-sql proxy
-- (scripts/dovecot/dict-quota-clone.conf.ext.template), within a second of a delivery or a session's end and
-- 10 s after a change inside an open session. Dovecot writes absolute values with
-- INSERT ... ON CONFLICT (username) DO UPDATE, so username must be the primary key.
CREATE TABLE "dovecot_quota_clone" (
    "username" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),

    CONSTRAINT "dovecot_quota_clone_pkey" PRIMARY KEY ("username")
);

-- Stamps each write in UTC, as Prisma stores every other time (the dict process's session may have another time zone),
-- and tells the worker's listener (jobs/live-usage.ts) which user changed. The body is an E''
-- string with \073 for each semicolon: Prisma's JS migration engine splits a file at every literal one, even
-- inside a function body.
CREATE FUNCTION "dovecot_quota_clone_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.changed_at := now() AT TIME ZONE \'UTC\'\073
  PERFORM pg_notify(\'mailwarden_quota_clone\', NEW.username)\073
  RETURN NEW\073
END';

CREATE TRIGGER "dovecot_quota_clone_changed" BEFORE INSERT OR UPDATE ON "dovecot_quota_clone"
    FOR EACH ROW EXECUTE FUNCTION "dovecot_quota_clone_changed"();
