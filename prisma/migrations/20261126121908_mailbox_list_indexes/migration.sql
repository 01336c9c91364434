-- The mailbox list at 100,000 mailboxes (bench/api.ts): sort orders and search served by indexes instead of a
-- full sort or a scan of every row. NULLS LAST matches the repository's ORDER BY (no usage sorts last), which
-- schema.prisma cannot express. pg_trgm ships with PostgreSQL and is a trusted extension (database owners may create it).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "mailboxes_usage_percent_desc_id_idx" ON "mailboxes"("usage_percent" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "mailboxes_effective_limit_desc_id_idx" ON "mailboxes"("effective_limit_bytes" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "mailboxes_address_trgm_idx" ON "mailboxes" USING GIN ("address" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "mailboxes_display_name_trgm_idx" ON "mailboxes" USING GIN ("display_name" gin_trgm_ops);
