import type { ReactNode } from 'react';
import { Tooltip, Typography } from '@mui/material';
import { DataTable, DateField, TextField, useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { DATE_TIME_OPTIONS, formatDateTime, formatRelative } from '../common/relativeTime';
import { EndIncreaseButton } from './EndIncreaseButton';
import type { TemporaryIncrease } from './types';

const ExtraField = (_props: { label?: string }) => {
  const increase = useRecordContext<TemporaryIncrease>();
  return increase ? <span>+{formatBytes(increase.extraBytes)}</span> : null;
};

/** When it ends (or ended): "in 6 d" for active ones, the end date for past ones. */
const EndField = ({ active }: { label?: string; active: boolean }) => {
  const increase = useRecordContext<TemporaryIncrease>();
  if (!increase) return null;
  const endedEarly = increase.endedAt !== null && Date.parse(increase.endedAt) < Date.parse(increase.expiresAt);
  const at = endedEarly ? increase.endedAt : increase.expiresAt;
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography variant="body2" component="span">
        {active ? `expires ${formatRelative(at)}` : `${endedEarly ? 'ended early' : 'expired'} ${formatDateTime(at)}`}
      </Typography>
    </Tooltip>
  );
};

/** The temporary increases of the surrounding ReferenceManyField; active ones get an "End now" button. */
export const IncreaseTable = ({ active, empty }: { active: boolean; empty: ReactNode }) => (
  <DataTable bulkActionButtons={false} rowClick={false} size="small" empty={empty}>
    <DataTable.Col source="extraBytes" label="Extra" disableSort>
      <ExtraField />
    </DataTable.Col>
    <DataTable.Col source="expiresAt" label={active ? 'Ends' : 'Ended'} disableSort>
      <EndField active={active} />
    </DataTable.Col>
    <DataTable.Col source="reason" disableSort>
      <TextField source="reason" />
    </DataTable.Col>
    <DataTable.Col source="createdBy" label="Granted by" disableSort>
      <TextField source="createdBy" emptyText="system" />
    </DataTable.Col>
    <DataTable.Col source="createdAt" label="Granted">
      <DateField source="createdAt" showTime options={DATE_TIME_OPTIONS} />
    </DataTable.Col>
    {active && (
      <DataTable.Col label="" disableSort>
        <EndIncreaseButton />
      </DataTable.Col>
    )}
  </DataTable>
);
