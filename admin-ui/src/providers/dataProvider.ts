import simpleRestProvider from 'ra-data-simple-rest';
import { useDataProvider, type DataProvider, type Identifier } from 'react-admin';
import { httpClient } from './httpClient';

const API_URL = '/api';

/** One usage sample, as `GET /api/mailboxes/:id/usage-history` lists them (oldest first). */
export interface UsageSample {
  at: string;
  usedBytes: number;
  usedMessages: number | null;
  limitBytes: number | null;
}

export type ImportMode = 'all' | 'valid-only';

export interface ImportRowError {
  line: number;
  field?: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  errors: ImportRowError[];
}

/** The calls beyond simple-rest's CRUD that Mailwarden's API offers. */
export interface MailwardenDataProvider extends DataProvider {
  /** Queues a usage scan of one mailbox ("Recalculate now"). */
  scanMailbox(id: Identifier): Promise<{ jobId: string; queue: string }>;
  /** Queues a usage scan of every mailbox (admin, ops). */
  scanAllMailboxes(): Promise<{ queued: number }>;
  getUsageHistory(id: Identifier, days: number): Promise<UsageSample[]>;
  /**
   * Imports mailboxes from CSV text. With mode `all`, one bad row imports nothing: the API answers 400 and the
   * rejected HttpError's `body.errors` lists every bad row.
   */
  importMailboxes(csv: string, mode: ImportMode): Promise<ImportResult>;
}

const mailboxUrl = (id: Identifier) => `${API_URL}/mailboxes/${encodeURIComponent(String(id))}`;

/**
 * Mailwarden's REST API follows the ra-data-simple-rest contract (see admin-ui/README.md),
 * plus the custom calls of MailwardenDataProvider.
 */
export const dataProvider: MailwardenDataProvider = {
  ...simpleRestProvider(API_URL, httpClient),

  async scanMailbox(id) {
    const { json } = await httpClient(`${mailboxUrl(id)}/scan`, { method: 'POST' });
    return json as { jobId: string; queue: string };
  },

  async scanAllMailboxes() {
    const { json } = await httpClient(`${API_URL}/mailboxes/scan-all`, { method: 'POST' });
    return json as { queued: number };
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
};

/** useDataProvider, typed with Mailwarden's custom calls. */
export const useMailwardenDataProvider = () => useDataProvider<MailwardenDataProvider>();
