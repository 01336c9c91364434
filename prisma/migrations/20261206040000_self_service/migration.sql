-- End-user self-service under /me (#20): sessions of mail users, kept apart from staff sessions, and requests for
-- more space that help desk approves or refuses.

-- A mail user's session: the cookie holds a random token, this table only its SHA-256 (like staff sessions).
-- Its own table, so no staff lookup can ever resolve it and no staff column can leak into it.
CREATE TABLE "self_service_sessions" (
    "id" TEXT NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "self_service_sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "self_service_sessions_mailbox_id_idx" ON "self_service_sessions"("mailbox_id");
CREATE INDEX "self_service_sessions_expires_at_idx" ON "self_service_sessions"("expires_at");
ALTER TABLE "self_service_sessions" ADD CONSTRAINT "self_service_sessions_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TYPE "SpaceRequestStatus" AS ENUM ('pending', 'approved', 'refused');

-- A user's request for more space: how much, why, until when. Approving it grants a temporary increase.
CREATE TABLE "space_requests" (
    "id" SERIAL NOT NULL,
    "mailbox_id" INTEGER NOT NULL,
    "extra_bytes" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "status" "SpaceRequestStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),
    "decided_by" TEXT,
    "decision_note" TEXT,
    "increase_id" INTEGER,

    CONSTRAINT "space_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "space_requests_mailbox_id_idx" ON "space_requests"("mailbox_id");
CREATE INDEX "space_requests_status_created_at_idx" ON "space_requests"("status", "created_at");
ALTER TABLE "space_requests" ADD CONSTRAINT "space_requests_mailbox_id_fkey" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "space_requests" ADD CONSTRAINT "space_requests_increase_id_fkey" FOREIGN KEY ("increase_id") REFERENCES "temporary_increases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The user hears the decision either way.
ALTER TYPE "NotificationKind" ADD VALUE 'space_request_approved';
ALTER TYPE "NotificationKind" ADD VALUE 'space_request_refused';
