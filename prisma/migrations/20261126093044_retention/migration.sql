-- CreateEnum
CREATE TYPE "RetentionAgeBasis" AS ENUM ('received', 'sent', 'saved');

-- CreateEnum
CREATE TYPE "RetentionAction" AS ENUM ('delete', 'move');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'completed', 'failed');

-- AlterTable
ALTER TABLE "mailboxes" ADD COLUMN     "retention_policy_id" INTEGER;

-- AlterTable
ALTER TABLE "quota_plans" ADD COLUMN     "retention_policy_id" INTEGER;

-- CreateTable
CREATE TABLE "retention_policies" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "retention_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_rules" (
    "id" SERIAL NOT NULL,
    "policy_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "folder_selector" TEXT NOT NULL,
    "max_age_days" INTEGER NOT NULL,
    "age_basis" "RetentionAgeBasis" NOT NULL DEFAULT 'received',
    "action" "RetentionAction" NOT NULL DEFAULT 'delete',
    "move_to" TEXT,
    "keep_flagged" BOOLEAN NOT NULL DEFAULT true,
    "keep_unread" BOOLEAN NOT NULL DEFAULT false,
    "notice_days" INTEGER,

    CONSTRAINT "retention_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_holds" (
    "id" SERIAL NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ends_at" TIMESTAMP(3),
    "lifted_at" TIMESTAMP(3),
    "lifted_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legal_holds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expiry_runs" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'all',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "trigger" TEXT NOT NULL DEFAULT 'scheduled',
    "created_by" TEXT,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "mailboxes_total" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "expiry_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expiry_mailbox_runs" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "folders" JSONB,
    "examined" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "moved" INTEGER NOT NULL DEFAULT 0,
    "bytes_freed" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "expiry_mailbox_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expired_messages" (
    "id" BIGSERIAL NOT NULL,
    "mailbox_run_id" INTEGER NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "folder" TEXT NOT NULL,
    "uid_validity" BIGINT NOT NULL,
    "uid" INTEGER NOT NULL,
    "action" "RetentionAction" NOT NULL,
    "moved_to" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "message_id" TEXT,
    "sent_date" TIMESTAMP(3),
    "internal_date" TIMESTAMP(3),
    "size" INTEGER NOT NULL,
    "subject" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "expired_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "retention_policies_name_key" ON "retention_policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "retention_rules_policy_id_position_key" ON "retention_rules"("policy_id", "position");

-- CreateIndex
CREATE INDEX "legal_holds_mailbox_id_idx" ON "legal_holds"("mailbox_id");

-- CreateIndex
CREATE INDEX "expiry_runs_started_at_idx" ON "expiry_runs"("started_at");

-- CreateIndex
CREATE INDEX "expiry_mailbox_runs_mailbox_id_idx" ON "expiry_mailbox_runs"("mailbox_id");

-- CreateIndex
CREATE UNIQUE INDEX "expiry_mailbox_runs_run_id_mailbox_id_key" ON "expiry_mailbox_runs"("run_id", "mailbox_id");

-- CreateIndex
CREATE INDEX "expired_messages_mailbox_run_id_idx" ON "expired_messages"("mailbox_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "expired_messages_mailbox_id_folder_uid_validity_uid_key" ON "expired_messages"("mailbox_id", "folder", "uid_validity", "uid");

-- AddForeignKey
ALTER TABLE "quota_plans" ADD CONSTRAINT "quota_plans_retention_policy_id_fkey" FOREIGN KEY ("retention_policy_id") REFERENCES "retention_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_retention_policy_id_fkey" FOREIGN KEY ("retention_policy_id") REFERENCES "retention_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "retention_policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expiry_mailbox_runs" ADD CONSTRAINT "expiry_mailbox_runs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "expiry_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expiry_mailbox_runs" ADD CONSTRAINT "expiry_mailbox_runs_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expired_messages" ADD CONSTRAINT "expired_messages_mailbox_run_id_fkey" FOREIGN KEY ("mailbox_run_id") REFERENCES "expiry_mailbox_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
