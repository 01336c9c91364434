-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'ops', 'helpdesk');

-- CreateEnum
CREATE TYPE "OverQuotaReply" AS ENUM ('permanent', 'temporary');

-- CreateEnum
CREATE TYPE "MailboxStatus" AS ENUM ('active', 'disabled');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'system');

-- CreateTable
CREATE TABLE "staff_users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota_plans" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "storage_limit_bytes" BIGINT NOT NULL,
    "message_limit" INTEGER,
    "warn_thresholds" INTEGER[] DEFAULT ARRAY[80, 90, 95]::INTEGER[],
    "grace_percent" INTEGER NOT NULL DEFAULT 0,
    "over_quota_reply" "OverQuotaReply" NOT NULL DEFAULT 'permanent',
    "admin_copy_email" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "quota_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mailboxes" (
    "id" SERIAL NOT NULL,
    "address" TEXT NOT NULL,
    "display_name" TEXT NOT NULL DEFAULT '',
    "imap_login" TEXT NOT NULL,
    "status" "MailboxStatus" NOT NULL DEFAULT 'active',
    "alternate_email" TEXT,
    "plan_id" INTEGER,
    "limit_override_bytes" BIGINT,
    "effective_limit_bytes" BIGINT,
    "probed_at" TIMESTAMP(3),
    "probe_result" JSONB,
    "probe_error" TEXT,
    "used_bytes" BIGINT,
    "used_messages" INTEGER,
    "usage_percent" DOUBLE PRECISION,
    "usage_source" TEXT,
    "usage_folders" JSONB,
    "scanned_at" TIMESTAMP(3),
    "scan_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailboxes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "temporary_increases" (
    "id" SERIAL NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "extra_bytes" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "temporary_increases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_samples" (
    "id" BIGSERIAL NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_bytes" BIGINT NOT NULL,
    "used_messages" INTEGER NOT NULL,
    "limit_bytes" BIGINT,

    CONSTRAINT "usage_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" INTEGER,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "req_id" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

-- CreateIndex
CREATE INDEX "sessions_staff_id_idx" ON "sessions"("staff_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "quota_plans_name_key" ON "quota_plans"("name");

-- CreateIndex
CREATE UNIQUE INDEX "mailboxes_address_key" ON "mailboxes"("address");

-- CreateIndex
CREATE INDEX "mailboxes_plan_id_idx" ON "mailboxes"("plan_id");

-- CreateIndex
CREATE INDEX "mailboxes_usage_percent_idx" ON "mailboxes"("usage_percent");

-- CreateIndex
CREATE INDEX "mailboxes_scanned_at_idx" ON "mailboxes"("scanned_at");

-- CreateIndex
CREATE INDEX "temporary_increases_mailbox_id_idx" ON "temporary_increases"("mailbox_id");

-- CreateIndex
CREATE INDEX "temporary_increases_expires_at_idx" ON "temporary_increases"("expires_at");

-- CreateIndex
CREATE INDEX "usage_samples_mailbox_id_at_idx" ON "usage_samples"("mailbox_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_actor_email_idx" ON "audit_events"("actor_email");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "quota_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "temporary_increases" ADD CONSTRAINT "temporary_increases_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_samples" ADD CONSTRAINT "usage_samples_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Dovecot's SQL userdb reads each user's quota from this view (docs/dovecot.md), so the limit
-- Dovecot enforces is the effective limit Mailwarden shows. NULL fields are ignored by Dovecot.
CREATE VIEW "dovecot_users" AS
SELECT
  m."imap_login" AS "username",
  m."address" AS "address",
  CASE WHEN m."effective_limit_bytes" IS NULL THEN NULL
       ELSE '*:storage=' || (m."effective_limit_bytes" / 1024)::text || 'K' END AS "quota_rule",
  CASE WHEN p."message_limit" IS NULL THEN NULL
       ELSE '*:messages=' || p."message_limit"::text END AS "quota_rule2"
FROM "mailboxes" m
LEFT JOIN "quota_plans" p ON p."id" = m."plan_id"
WHERE m."status" = 'active';
