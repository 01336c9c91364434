-- Mailbox lifecycle (#18): suspended and deleted beside active and disabled, why and when the status changed,
-- and the purge of a deleted mailbox after its grace period. docs/mailbox-lifecycle.md says what each status does.
-- The new enum values are not used as literals below: PostgreSQL refuses a value added in the same transaction.
ALTER TYPE "MailboxStatus" ADD VALUE IF NOT EXISTS 'suspended';
ALTER TYPE "MailboxStatus" ADD VALUE IF NOT EXISTS 'deleted';

-- The reason given with the last status change (staff, or the directory sync), and when it changed.
ALTER TABLE "mailboxes" ADD COLUMN "status_reason" TEXT;
ALTER TABLE "mailboxes" ADD COLUMN "status_changed_at" TIMESTAMP(3);
-- deleted: when, and from when the purge worker may remove its mail (restorable until then). purged_at: when the
-- purge removed every message (the row stays, with its audit, and can no longer be restored).
ALTER TABLE "mailboxes" ADD COLUMN "deleted_at" TIMESTAMP(3);
ALTER TABLE "mailboxes" ADD COLUMN "purge_after" TIMESTAMP(3);
ALTER TABLE "mailboxes" ADD COLUMN "purged_at" TIMESTAMP(3);
CREATE INDEX "mailboxes_purge_due_idx" ON "mailboxes"("purge_after") WHERE "purged_at" IS NULL AND "purge_after" IS NOT NULL;

-- A run whose diff lines were pruned (DIRECTORY_KEEP_RUNS): the run row and its counts stay.
ALTER TABLE "directory_sync_runs" ADD COLUMN "changes_pruned_at" TIMESTAMP(3);

-- Dovecot's userdb now holds every mailbox not purged, whatever its status: mail for a suspended mailbox is still
-- delivered, and Mailwarden still reaches a disabled or deleted one as master user (the purge does). Who may log in
-- is the deny passdb below. The rest is the view of 20261205230200_one_default unchanged.
CREATE OR REPLACE VIEW "dovecot_users" AS
SELECT
  m."imap_login" AS "username",
  m."address" AS "address",
  CASE WHEN l."limit_bytes" IS NULL THEN NULL
       ELSE '*:storage=' || (l."limit_bytes" / 1024)::text || 'K' END AS "quota_rule",
  CASE WHEN p."message_limit" IS NULL THEN NULL
       ELSE '*:messages=' || p."message_limit"::text END AS "quota_rule2"
FROM "mailboxes" m
JOIN "mailbox_plan" mp ON mp."mailbox_id" = m."id"
LEFT JOIN "quota_plans" p ON p."id" = mp."plan_id"
CROSS JOIN LATERAL (
  SELECT (COALESCE(m."limit_override_bytes", p."storage_limit_bytes")
          + COALESCE((SELECT sum(t."extra_bytes") FROM "temporary_increases" t
                       WHERE t."mailbox_id" = m."id" AND t."ended_at" IS NULL
                         AND t."expires_at" > (now() AT TIME ZONE 'UTC')), 0))::bigint AS "limit_bytes"
) l
WHERE m."purged_at" IS NULL;

-- The users who may not log in themselves: every mailbox that is not active (suspended, disabled, deleted).
-- Dovecot reads it through a passdb with deny = yes and skip = authenticated, so a master login still works.
CREATE VIEW "dovecot_login_denied" AS
SELECT m."imap_login" AS "username", m."status"::text AS "status"
FROM "mailboxes" m
WHERE m."status"::text <> 'active';
