import RefreshIcon from '@mui/icons-material/Refresh';
import { useState } from 'react';
import { Button, useListContext, useNotify, useUnselectAll, type Identifier } from 'react-admin';
import { errorMessage } from '../common/errors';
import { useMailwardenDataProvider } from '../providers/dataProvider';

// A few scans queued at a time: each is one small API call, and this keeps the browser from flooding the API.
const PARALLEL = 5;

/** Bulk action: queues a usage scan for each selected mailbox. */
export const RecalculateBulkButton = () => {
  const { selectedIds, resource } = useListContext();
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const unselectAll = useUnselectAll(resource);
  const [pending, setPending] = useState(false);

  const recalculate = async () => {
    setPending(true);
    const ids: Identifier[] = [...selectedIds];
    const failures: string[] = [];
    for (let start = 0; start < ids.length; start += PARALLEL) {
      const batch = ids.slice(start, start + PARALLEL);
      const results = await Promise.allSettled(batch.map((id) => dataProvider.scanMailbox(id)));
      results.forEach((result) => {
        if (result.status === 'rejected') failures.push(errorMessage(result.reason));
      });
    }
    setPending(false);
    const queued = ids.length - failures.length;
    if (failures.length === 0) {
      notify(`Recalculation queued for ${queued} mailbox${queued === 1 ? '' : 'es'}`, { type: 'success' });
      unselectAll();
    } else {
      notify(`Queued ${queued} of ${ids.length}; ${failures.length} failed: ${failures[0]}`, { type: 'error' });
    }
  };

  return (
    <Button label="Recalculate" onClick={recalculate} disabled={pending || selectedIds.length === 0}>
      <RefreshIcon />
    </Button>
  );
};
