-- Staff MFA (TOTP, RFC 6238) and the message-metadata permission (#15 items 7, 8).
-- TOTP secrets are stored encrypted (AES-256-GCM, server/lib/mfa-crypto.ts), recovery codes as argon2id hashes.
ALTER TABLE "staff_users" ADD COLUMN "mfa_secret" TEXT;
ALTER TABLE "staff_users" ADD COLUMN "mfa_pending_secret" TEXT;
ALTER TABLE "staff_users" ADD COLUMN "mfa_enabled_at" TIMESTAMP(3);
ALTER TABLE "staff_users" ADD COLUMN "mfa_last_step" INTEGER;
ALTER TABLE "staff_users" ADD COLUMN "can_view_message_metadata" BOOLEAN NOT NULL DEFAULT false;

-- A session whose password step passed and whose code step has not: it grants nothing but the code step.
ALTER TABLE "sessions" ADD COLUMN "mfa_pending" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "staff_recovery_codes" (
    "id" SERIAL NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_recovery_codes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "staff_recovery_codes_staff_id_idx" ON "staff_recovery_codes"("staff_id");
ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
