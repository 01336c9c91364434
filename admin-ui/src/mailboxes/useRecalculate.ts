import { useState } from 'react';
import { useNotify, useRefresh, useShowContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import type { MailboxDetail } from './types';

// The API answers a wait when the scan ends (the queue's events), or after 20 s with "running": ask again, up to this.
const GIVE_UP_AFTER_MS = 60_000;

/** "Recalculate now" for the shown mailbox: queues a scan, waits for its end, then shows the new figures. */
export function useRecalculate() {
  const { record } = useShowContext<MailboxDetail>();
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  const recalculate = async () => {
    if (!record) return;
    setBusy(true);
    try {
      const { jobId } = await dataProvider.scanMailbox(record.id);
      const started = Date.now();
      let state = (await dataProvider.waitForScan(record.id, jobId)).state;
      while (state === 'running' && Date.now() - started < GIVE_UP_AFTER_MS) state = (await dataProvider.waitForScan(record.id, jobId)).state;
      refresh(); // the figures, the history chart, folders and notices change with a scan
      if (state === 'completed') notify('Usage recalculated', { type: 'success' });
      else if (state === 'running') notify('The scan is still queued; the numbers update when it finishes', { type: 'info' });
      else notify(state === 'retrying' ? 'The scan failed and is tried again shortly: see the error on the page' : 'The scan failed: see the error on the page', { type: 'error' });
    } catch (error) {
      notify(errorMessage(error, 'Could not recalculate'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return { recalculate, busy };
}
