-- The dashboard's per-day charts scan samples of every mailbox by time, which the (mailbox_id, at) index cannot serve

-- CreateIndex
CREATE INDEX "usage_samples_at_idx" ON "usage_samples"("at");
