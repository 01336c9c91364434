import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

import type { AuditEvent } from './types';

/** Who made the change: the staff member's email, or "system" for jobs and policies. */
export const ActorField = () => {
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  const label = record.actorType === 'system' ? 'system' : (record.actorEmail ?? 'unknown staff');
  return (
    <Typography variant="body2" component="span" sx={record.actorType === 'system' ? { fontStyle: 'italic' } : undefined}>
      {label}
    </Typography>
  );
};
