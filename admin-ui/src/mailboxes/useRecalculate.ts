import { useEffect, useState } from 'react';
import { useNotify, useRefresh, useShowContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import type { MailboxDetail } from './types';

// The scan runs in a worker: poll the record until its scan time or error changes, for at most a minute.
const POLL_EVERY_MS = 3_000;
const GIVE_UP_AFTER_MS = 60_000;

const scanState = (mailbox: MailboxDetail | undefined) => `${mailbox?.scannedAt ?? ''}|${mailbox?.scanError ?? ''}`;

interface Waiting {
  before: string;
  startedAt: number;
}

/** "Recalculate now" for the shown mailbox: queues a scan, then refreshes the page when its result lands. */
export function useRecalculate() {
  const { record, refetch } = useShowContext<MailboxDetail>();
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [queueing, setQueueing] = useState(false);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [polls, setPolls] = useState(0);
  const current = scanState(record);

  useEffect(() => {
    if (!waiting) return undefined;
    if (current !== waiting.before) {
      setWaiting(null);
      notify(record?.scanError ? `Scan failed: ${record.scanError}` : 'Usage recalculated', {
        type: record?.scanError ? 'error' : 'success',
      });
      refresh(); // the history chart, folders and notices change with a scan too
      return undefined;
    }
    if (Date.now() - waiting.startedAt > GIVE_UP_AFTER_MS) {
      setWaiting(null);
      notify('The scan is still queued; the numbers update when it finishes', { type: 'info' });
      return undefined;
    }
    const timer = setTimeout(() => {
      void refetch().finally(() => setPolls((n) => n + 1));
    }, POLL_EVERY_MS);
    return () => clearTimeout(timer);
  }, [waiting, current, polls, record, refetch, refresh, notify]);

  const recalculate = async () => {
    if (!record) return;
    setQueueing(true);
    try {
      await dataProvider.scanMailbox(record.id);
      notify('Recalculation queued', { type: 'info' });
      setWaiting({ before: scanState(record), startedAt: Date.now() });
    } catch (error) {
      notify(errorMessage(error, 'Could not queue the scan'), { type: 'error' });
    } finally {
      setQueueing(false);
    }
  };

  return { recalculate, busy: queueing || waiting !== null };
}
