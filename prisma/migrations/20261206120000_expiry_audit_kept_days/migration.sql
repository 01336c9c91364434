-- Retention of the per-message expiry audit (EXPIRY_AUDIT_KEEP_DAYS, maintenance task prune-expiry-audit).
-- Confirmed rows by the time their removal was confirmed: the prune walks this index oldest first in bounded
-- batches, and the dashboard counts the messages expired per day with it instead of reading the whole table.
-- Partial (done rows only), so writing a pending row adds no entry here, and with the id so a batch can resume
-- after the last row it looked at. A partial index, which schema.prisma cannot express. No semicolons in these
-- comments: the migration engine splits on them.
CREATE INDEX "expired_messages_done_at_idx" ON "expired_messages" ("at", "id") WHERE "state" = 'done';
