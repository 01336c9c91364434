-- Directory sync (#18): which source manages a mailbox, and the runs with their diffs.

-- The directory source that created or adopted a mailbox (NULL = made by hand or by CSV: never disabled by a sync),
-- its entry's DN, and when a sync disabled it because its entry was gone (NULL = not disabled by a sync).
ALTER TABLE "mailboxes" ADD COLUMN "directory_source" TEXT;
ALTER TABLE "mailboxes" ADD COLUMN "directory_dn" TEXT;
ALTER TABLE "mailboxes" ADD COLUMN "directory_gone_at" TIMESTAMP(3);
CREATE INDEX "mailboxes_directory_source_idx" ON "mailboxes"("directory_source");

-- One sync run, dry or real. status: running, completed, stopped (the safety stop refused it), failed.
CREATE TABLE "directory_sync_runs" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "trigger" TEXT NOT NULL DEFAULT 'scheduled',
    "created_by" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "entries" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "gone" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "problems" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "managed" INTEGER NOT NULL DEFAULT 0,
    "applied" BOOLEAN NOT NULL DEFAULT false,
    "safety" JSONB,
    "error" TEXT,
    CONSTRAINT "directory_sync_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "directory_sync_runs_started_at_idx" ON "directory_sync_runs"("started_at");

-- The diff of a run, one row per change. kind: added, changed, gone, returned, problem.
CREATE TABLE "directory_sync_changes" (
    "id" BIGSERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "address" TEXT,
    "mailbox_id" INTEGER,
    "dn" TEXT,
    "before" JSONB,
    "after" JSONB,
    "detail" TEXT,
    CONSTRAINT "directory_sync_changes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "directory_sync_changes_run_id_kind_id_idx" ON "directory_sync_changes"("run_id", "kind", "id");
ALTER TABLE "directory_sync_changes" ADD CONSTRAINT "directory_sync_changes_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "directory_sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
