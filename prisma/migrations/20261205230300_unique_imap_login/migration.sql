-- IMAP logins are unique, compared case-insensitively as Dovecot's SQL userdb lookups are: two mailboxes with one
-- login make Dovecot refuse both users ("Password query returned multiple matches"). An expression index, which
-- schema.prisma cannot express.
-- Existing duplicates stop the migration with a message naming them instead of changing anyone's login here:
-- which mailbox keeps the login is for staff to decide. The CAST of the message to an integer is what raises the
-- error (no DO block: the migration engine splits scripts at every semicolon, so none may appear in this file
-- except at the end of a statement).
SELECT CAST(
  'Cannot make IMAP logins unique: mailboxes share a login (case-insensitively): '
  || string_agg(dup."login" || ' used by ' || dup."addresses", ' / ')
  || '. Give each mailbox its own login (or delete the extra mailbox), then run the migration again.'
  AS integer)
FROM (
  SELECT lower("imap_login") AS "login", string_agg("address", ', ' ORDER BY "id") AS "addresses"
  FROM "mailboxes" GROUP BY lower("imap_login") HAVING count(*) > 1 ORDER BY 1 LIMIT 20
) dup
HAVING count(*) > 0;

CREATE UNIQUE INDEX "mailboxes_imap_login_lower_key" ON "mailboxes" (lower("imap_login"));
