import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, useDataProvider, type DataProvider, type Identifier } from 'react-admin';
import type { ApiQuery, ApiResponse, ApiRow } from '../api/types';
import { submissionErrors } from '../common/serverErrors';
import type { ExpiryPreview, RunEnqueued } from '../expiry-runs/types';
import type { QuotaNotification } from '../mailboxes/types';
import type { MailboxRetention, PlanPolicy } from '../retention-policies/types';
import { httpClient } from './httpClient';

const API_URL = '/api';

/** One usage sample, as `GET /api/mailboxes/:id/usage-history` lists them (oldest first). */
export type UsageSample = ApiRow<'/api/mailboxes/{id}/usage-history'>;

export type ImportMode = ApiQuery<'/api/mailboxes/import', 'post'>['mode'];

/** `POST /api/mailboxes/import`: `warnings` were imported anyway (cells spreadsheets would run as formulas, domains not checked). */
export type ImportResult = ApiResponse<'/api/mailboxes/import', 'post'>;
export type ImportRowError = ImportResult['errors'][number];
/** A queued job (`POST /api/mailboxes/:id/scan`, `POST /api/mailboxes/scan-all`). */
export type JobEnqueued = ApiResponse<'/api/mailboxes/{id}/scan', 'post', 202>;

/** How a recalculation stood when `GET /api/mailboxes/:id/scans/:jobId` answered. */
export type ScanOutcome = ApiResponse<'/api/mailboxes/{id}/scans/{jobId}', 'get'>;
/** The largest messages across a mailbox's folders ("why is it full"). */
export type LargestMessages = ApiResponse<'/api/mailboxes/{id}/largest-messages', 'get'>;

/** The calls beyond simple-rest's CRUD that Mailwarden's API offers. */
export interface MailwardenDataProvider extends DataProvider {
  /** Queues a usage scan of one mailbox ("Recalculate now"). */
  scanMailbox(id: Identifier): Promise<JobEnqueued>;
  /** Waits (up to 20 s, then `running`) for that scan to end: answered by the queue's events, not polled. */
  waitForScan(id: Identifier, jobId: string): Promise<ScanOutcome>;
  /** The `limit` largest messages, read over IMAP by a worker (subjects only with the message-metadata permission). */
  getLargestMessages(id: Identifier, limit: number): Promise<LargestMessages>;
  /** Queues the job that fans out a usage scan of every active mailbox (admin, ops). */
  scanAllMailboxes(): Promise<JobEnqueued>;
  getUsageHistory(id: Identifier, days: number): Promise<UsageSample[]>;
  /**
   * Imports mailboxes from CSV text. With mode `all`, one bad row imports nothing: the API answers 400 and the
   * rejected HttpError's `body.errors` lists every bad row.
   */
  importMailboxes(csv: string, mode: ImportMode): Promise<ImportResult>;
  /** The effective retention policy of a mailbox, explained, with the rule per folder (`live`: folders over IMAP). */
  getMailboxRetention(id: Identifier, live?: boolean): Promise<MailboxRetention>;
  /** Assigns a retention policy to one mailbox (overrides its plan's), or null to follow the plan again (admin, ops). */
  setMailboxRetentionPolicy(id: Identifier, policyId: number | null): Promise<MailboxRetention>;
  /** Assigns a retention policy to a plan, or null for the default policy (admin, ops). */
  setPlanRetentionPolicy(planId: Identifier, policyId: number | null): Promise<PlanPolicy>;
  /** Dry-run preview over IMAP, synchronous and read-only: what expiry would remove now. */
  previewMailboxExpiry(id: Identifier): Promise<ExpiryPreview>;
  /** Queues a dry run of a policy across every active mailbox it governs (admin, ops). */
  previewPolicy(id: Identifier): Promise<RunEnqueued>;
  /** Queues a single-mailbox expiry run (admin, ops). */
  expireMailbox(id: Identifier, dryRun: boolean, withoutNotice?: { reason: string }): Promise<RunEnqueued>;
  /** Sends a notice again: a new notification linked to it, to the mailbox's current recipients (the reason is audited). */
  resendNotification(id: Identifier, reason: string): Promise<QuotaNotification>;
}

const mailboxUrl = (id: Identifier) => `${API_URL}/mailboxes/${encodeURIComponent(String(id))}`;
const putJson = (body: unknown) => ({ method: 'PUT', body: JSON.stringify(body) });

/**
 * Resources whose forms show a 400 next to the input it names: the API starts such messages with the field
 * ("body.rules.2.maxAgeDays must be >= 1"), which becomes react-admin's `body.errors` (see common/serverErrors.ts).
 */
const FIELD_ERROR_RESOURCES = new Set(['retention-policies', 'mailboxes']);

function withFieldErrors(resource: string, error: unknown): never {
  if (FIELD_ERROR_RESOURCES.has(resource) && error instanceof HttpError && (error.status === 400 || (error.status === 409 && resource === 'mailboxes'))) {
    // The field path is in the API's own message (the body's); error.message is already worded for people.
    const raw = (error.body as { message?: unknown } | null)?.message;
    const errors = submissionErrors(typeof raw === 'string' ? raw : error.message);
    // Above a mailbox form, the message worded for people ("IMAP login bob@… is already taken by bob@example.org").
    if (resource === 'mailboxes') errors['root.serverError'] = error.message;
    throw new HttpError(error.message, error.status, { ...(error.body as object), errors });
  }
  throw error;
}

const rest = simpleRestProvider(API_URL, httpClient);

/**
 * Mailwarden's REST API follows the ra-data-simple-rest contract (see admin-ui/README.md),
 * plus the custom calls of MailwardenDataProvider.
 */
export const dataProvider: MailwardenDataProvider = {
  ...rest,
  create: (resource, params) => rest.create(resource, params).catch((error: unknown) => withFieldErrors(resource, error)),
  update: (resource, params) => rest.update(resource, params).catch((error: unknown) => withFieldErrors(resource, error)),

  async scanMailbox(id) {
    const { json } = await httpClient(`${mailboxUrl(id)}/scan`, { method: 'POST' });
    return json as JobEnqueued;
  },

  async waitForScan(id, jobId) {
    const { json } = await httpClient(`${mailboxUrl(id)}/scans/${encodeURIComponent(jobId)}`);
    return json as ScanOutcome;
  },

  async getLargestMessages(id, limit) {
    const { json } = await httpClient(`${mailboxUrl(id)}/largest-messages?limit=${limit}`);
    return json as LargestMessages;
  },

  async scanAllMailboxes() {
    const { json } = await httpClient(`${API_URL}/mailboxes/scan-all`, { method: 'POST' });
    return json as JobEnqueued;
  },

  async getUsageHistory(id, days) {
    const { json } = await httpClient(`${mailboxUrl(id)}/usage-history?days=${encodeURIComponent(days)}`);
    return Array.isArray(json) ? (json as UsageSample[]) : [];
  },

  async importMailboxes(csv, mode) {
    const { json } = await httpClient(`${API_URL}/mailboxes/import?mode=${mode}`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'text/csv' }),
      body: csv,
    });
    return json as ImportResult;
  },

  async getMailboxRetention(id, live = false) {
    const { json: body } = await httpClient(`${mailboxUrl(id)}/retention${live ? '?live=true' : ''}`);
    return body as MailboxRetention;
  },

  async setMailboxRetentionPolicy(id, policyId) {
    const { json: body } = await httpClient(`${mailboxUrl(id)}/retention-policy`, putJson({ policyId }));
    return body as MailboxRetention;
  },

  async setPlanRetentionPolicy(planId, policyId) {
    const url = `${API_URL}/plans/${encodeURIComponent(String(planId))}/retention-policy`;
    const { json: body } = await httpClient(url, putJson({ policyId }));
    return body as PlanPolicy;
  },

  async previewMailboxExpiry(id) {
    const { json: body } = await httpClient(`${mailboxUrl(id)}/expiry-preview`, { method: 'POST' });
    return body as ExpiryPreview;
  },

  async previewPolicy(id) {
    const url = `${API_URL}/retention-policies/${encodeURIComponent(String(id))}/preview`;
    const { json: body } = await httpClient(url, { method: 'POST' });
    return body as RunEnqueued;
  },

  async expireMailbox(id, dryRun, withoutNotice) {
    const payload = withoutNotice ? { dryRun, withoutNotice: true, reason: withoutNotice.reason } : { dryRun };
    const { json: body } = await httpClient(`${mailboxUrl(id)}/expire`, { method: 'POST', body: JSON.stringify(payload) });
    return body as RunEnqueued;
  },

  async resendNotification(id, reason) {
    const url = `${API_URL}/notifications/${encodeURIComponent(String(id))}/resend`;
    const { json: body } = await httpClient(url, { method: 'POST', body: JSON.stringify({ reason }) });
    return body as QuotaNotification;
  },
};

/** useDataProvider, typed with Mailwarden's custom calls. */
export const useMailwardenDataProvider = () => useDataProvider<MailwardenDataProvider>();
