-- Idle timeout for staff sessions (SESSION_IDLE_MINUTES): when the session was last used, refreshed at most once a minute.
ALTER TABLE "sessions" ADD COLUMN "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
