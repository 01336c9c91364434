-- The storage limit the IMAP server reported at the last usage scan (bytes, NULL = none reported), so a server
-- that enforces another limit than Mailwarden's shows up (#21).
ALTER TABLE "mailboxes" ADD COLUMN "server_limit_bytes" BIGINT;
