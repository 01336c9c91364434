-- A notice is sent at most once (docs/notifications.md): a worker claims the row (pending -> sending) before it
-- talks SMTP. A row left in `sending` by a worker that died mid-send is never re-sent automatically but becomes
-- `unknown` (staff decide, with the resend action). No semicolons in these comments: the migration runner splits on them.
ALTER TYPE "NotificationStatus" ADD VALUE 'sending';
ALTER TYPE "NotificationStatus" ADD VALUE 'unknown';

-- When the current send was claimed: tells a send in flight from one a dead worker left behind.
ALTER TABLE "notifications" ADD COLUMN "claimed_at" TIMESTAMP(3);
