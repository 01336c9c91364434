import { Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { RecordContextProvider, useListContext } from 'react-admin';
import { InfoList } from '../common/InfoList';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import type { LegalHold } from '../retention-policies/types';
import { LiftHoldButton } from './LiftHoldButton';

const endText = (hold: LegalHold) => {
  if (hold.liftedAt) return `lifted ${formatDateTime(hold.liftedAt)} by ${hold.liftedBy ?? 'unknown'}`;
  if (!hold.endsAt) return 'until lifted';
  return `${formatDateTime(hold.endsAt)} (${formatRelative(hold.endsAt)})`;
};

/** Holds from the surrounding ReferenceManyField: reason, who set it, from when until when; active ones can be lifted. */
export const HoldList = ({ empty }: { empty: ReactNode }) => {
  const { data, isPending } = useListContext<LegalHold>();
  if (isPending) return null;
  if (!data || data.length === 0) return <>{empty}</>;
  return (
    <Stack spacing={2}>
      {data.map((hold) => (
        <RecordContextProvider key={hold.id} value={hold}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
            <InfoList
              items={[
                { label: 'Reason', value: <Typography variant="body2" sx={{ fontWeight: hold.active ? 600 : 400 }}>{hold.reason}</Typography> },
                { label: 'Set by', value: hold.setBy },
                { label: 'Start', value: formatDateTime(hold.startsAt) },
                { label: 'End', value: endText(hold) },
              ]}
            />
            {hold.active && (
              <div>
                <LiftHoldButton />
              </div>
            )}
          </Stack>
        </RecordContextProvider>
      ))}
    </Stack>
  );
};
