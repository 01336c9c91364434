-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('near_quota', 'over_quota', 'back_under', 'increase_ending', 'increase_ended', 'expiry_notice');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "mailboxes" ADD COLUMN     "notice_state" JSONB;

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "threshold" INTEGER,
    "dedupe_key" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "cc_address" TEXT,
    "data" JSONB NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "subject" TEXT,
    "smtp_message_id" TEXT,
    "error" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_templates" (
    "kind" "NotificationKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_templates_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE INDEX "notifications_mailbox_id_created_at_idx" ON "notifications"("mailbox_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_status_idx" ON "notifications"("status");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_mailbox_id_dedupe_key_key" ON "notifications"("mailbox_id", "dedupe_key");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
