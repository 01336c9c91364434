-- A version of the mailboxes searchable text (address, display name) and of which mailboxes exist, so the API may keep
-- the exact total of a search (server/core/repositories/mailbox-pages.ts) until the next committed change of either.
-- A deferred constraint trigger bumps it once per changing transaction, at commit: the new version and the change become
-- visible together, and the row is locked only for the end of the commit (never while the transaction holds others).
-- Usage scans, which change neither column, leave it alone. TRUNCATE bumps it at once (no deferred trigger for TRUNCATE).
CREATE TABLE "mailbox_text_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "bumped_by" xid8,

    CONSTRAINT "mailbox_text_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "mailbox_text_version_one_row" CHECK ("id" = 1)
);

INSERT INTO "mailbox_text_version" ("id", "version") VALUES (1, 0);

-- Bodies are E'' strings with \073 for each semicolon (see 20261206110000_quota_clone).
CREATE FUNCTION "mailbox_text_version_bump"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE mailbox_text_version SET version = version + 1, bumped_by = pg_current_xact_id()
   WHERE id = 1 AND bumped_by IS DISTINCT FROM pg_current_xact_id()\073
  RETURN NULL\073
END';

CREATE CONSTRAINT TRIGGER "mailbox_text_version_change" AFTER INSERT OR DELETE OR UPDATE OF "address", "display_name" ON "mailboxes"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "mailbox_text_version_bump"();
CREATE TRIGGER "mailbox_text_version_truncate" AFTER TRUNCATE ON "mailboxes"
    FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_text_version_bump"();
