-- One default: at most one default quota plan and one default retention policy. Partial unique indexes
-- (schema.prisma cannot express them). Duplicates left from before keep the flag on the lowest id, the one
-- the code already picked (ORDER BY id LIMIT 1).
UPDATE "quota_plans" SET "is_default" = false
 WHERE "is_default" AND "id" <> (SELECT min("id") FROM "quota_plans" WHERE "is_default");
UPDATE "retention_policies" SET "is_default" = false
 WHERE "is_default" AND "id" <> (SELECT min("id") FROM "retention_policies" WHERE "is_default");

CREATE UNIQUE INDEX "quota_plans_one_default" ON "quota_plans" ("is_default") WHERE "is_default";
CREATE UNIQUE INDEX "retention_policies_one_default" ON "retention_policies" ("is_default") WHERE "is_default";

-- The plan that governs each mailbox: its own, else the default plan. The one SQL copy of planFor in
-- server/services/mailbox-limits.ts, read by dovecot_users, the policy service cache, usage scans and the
-- dashboard, so none of them spells the fallback out again. No semicolons or quotes in these comments: the
-- migration engine splits on them.
CREATE VIEW "mailbox_plan" AS
SELECT m."id" AS "mailbox_id",
       COALESCE(m."plan_id", (SELECT d."id" FROM "quota_plans" d WHERE d."is_default")) AS "plan_id"
FROM "mailboxes" m;

-- Dovecot reads the limit of each user from this view at login. It now computes the limit itself instead of
-- reading the denormalised mailboxes.effective_limit_bytes, so a temporary increase stops counting the moment it
-- expires and a plan change counts at once, before the workers have recomputed that column. This is the one SQL
-- copy of the rule in server/domain/effective-limit.ts: the override, else the plan of the mailbox, else the
-- default plan, plus the increases neither ended nor expired. test/services/mailbox-limits.test.ts checks that
-- both agree. expires_at is a UTC timestamp without time zone, so it is compared with UTC now, whatever the
-- TimeZone of the session. The message limit falls back to the default plan too (it used to be NULL for a
-- mailbox without a plan). No semicolons or quotes in these comments: the migration engine splits on them.
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
WHERE m."status" = 'active';
