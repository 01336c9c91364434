-- Which messages each pre-expiry notice announced (see ExpiryAnnouncement in schema.prisma).
CREATE TABLE "expiry_announcements" (
    "id" SERIAL NOT NULL,
    "notification_id" INTEGER NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "rule_key" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "uid_validity" BIGINT NOT NULL,
    "uids" TEXT NOT NULL,
    CONSTRAINT "expiry_announcements_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "expiry_announcements_mailbox_id_rule_key_idx" ON "expiry_announcements"("mailbox_id", "rule_key");
CREATE INDEX "expiry_announcements_notification_id_idx" ON "expiry_announcements"("notification_id");

ALTER TABLE "expiry_announcements" ADD CONSTRAINT "expiry_announcements_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
