import type { ApiResponse, ApiRow } from '../api/types';

/** An expiry run (sweep, policy preview or single mailbox) with totals summed from its mailbox rows. */
export type ExpiryRun = ApiResponse<'/api/expiry-runs/{id}', 'get'>;
export type RunStatus = ExpiryRun['status'];

/** One mailbox of a run. For a dry run, `matched` and `bytesFreed` say what a real run would remove. */
export type MailboxRun = ApiResponse<'/api/expiry-mailbox-runs/{id}', 'get'>;
export type FolderFigures = NonNullable<MailboxRun['folders']>[number];

/** The per-message audit: one row per message expiry deleted or moved. */
export type ExpiredMessage = ApiRow<'/api/expired-messages'>;

/** `POST /api/mailboxes/:id/expiry-preview`: what expiry would remove now, changing nothing. */
export type ExpiryPreview = ApiResponse<'/api/mailboxes/{id}/expiry-preview', 'post'>;
export type PreviewFolder = ExpiryPreview['folders'][number];
export type PreviewSample = PreviewFolder['sample'][number];

/** A queued expiry run (`POST /api/mailboxes/:id/expire`, `POST /api/retention-policies/:id/preview`). */
export type RunEnqueued = ApiResponse<'/api/mailboxes/{id}/expire', 'post', 202>;
