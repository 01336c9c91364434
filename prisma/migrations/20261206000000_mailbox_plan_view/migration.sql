-- The plan that governs each mailbox: its own, else the default plan. The one SQL copy of planFor in
-- server/services/mailbox-limits.ts, read by dovecot_users, the policy service cache, usage scans and the
-- dashboard, so none of them spells the fallback out again. No semicolons or quotes in these comments: the
-- migration engine splits on them.
CREATE VIEW "mailbox_plan" AS
SELECT m."id" AS "mailbox_id",
       COALESCE(m."plan_id", (SELECT d."id" FROM "quota_plans" d WHERE d."is_default")) AS "plan_id"
FROM "mailboxes" m;

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
