-- The frequent usage scan reads the quota root alone and leaves folders to a full scan at most SCAN_FOLDERS_HOURS
-- apart (#17): when a mailbox's folders were last measured. Every scan so far measured them.
ALTER TABLE "mailboxes" ADD COLUMN "folders_scanned_at" TIMESTAMP(3);
UPDATE "mailboxes" SET "folders_scanned_at" = "scanned_at" WHERE "usage_folders" IS NOT NULL;
