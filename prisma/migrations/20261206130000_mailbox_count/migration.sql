-- The exact number of mailboxes for the console list total (#17), without a count over every row on each page
-- (server/core/repositories/mailbox-pages.ts). Statement triggers on mailboxes add one part per INSERT or DELETE
-- statement and drop them all on TRUNCATE. Parts are only ever inserted or deleted, never updated, so transactions
-- that add mailboxes never wait for each other here, and a reader sees exactly the mailboxes its snapshot sees.
-- The reader sums the parts and now and then folds them into one row in a single statement.
CREATE TABLE "mailbox_count_parts" (
    "id" BIGSERIAL NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "mailbox_count_parts_pkey" PRIMARY KEY ("id")
);

INSERT INTO "mailbox_count_parts" ("delta") SELECT count(*) FROM "mailboxes";

-- Bodies are E'' strings with \073 for each semicolon: Prisma's JS migration engine splits a file at every literal one,
-- even inside a function body (as in 20261206110000_quota_clone).
CREATE FUNCTION "mailbox_count_added"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO mailbox_count_parts (delta) SELECT count(*) FROM added HAVING count(*) > 0\073
  RETURN NULL\073
END';

CREATE FUNCTION "mailbox_count_removed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO mailbox_count_parts (delta) SELECT -count(*) FROM removed HAVING count(*) > 0\073
  RETURN NULL\073
END';

CREATE FUNCTION "mailbox_count_emptied"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM mailbox_count_parts\073
  RETURN NULL\073
END';

CREATE TRIGGER "mailbox_count_insert" AFTER INSERT ON "mailboxes"
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_count_added"();
CREATE TRIGGER "mailbox_count_delete" AFTER DELETE ON "mailboxes"
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_count_removed"();
CREATE TRIGGER "mailbox_count_truncate" AFTER TRUNCATE ON "mailboxes"
    FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_count_emptied"();
