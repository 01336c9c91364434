import GavelIcon from '@mui/icons-material/Gavel';
import { Button, Card, CardContent, CardHeader, Divider, Typography } from '@mui/material';
import { useState } from 'react';
import { Pagination, ReferenceManyField, useCanAccess, useRecordContext } from 'react-admin';
import { HoldList } from './HoldList';
import { PutHoldDialog } from './PutHoldDialog';
import type { MailboxDetail } from './types';

const Empty = ({ text }: { text: string }) => (
  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
    {text}
  </Typography>
);

/** The active legal hold (if any) with "Lift", "Put on hold" for admin/ops, and past holds. */
export const LegalHoldCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const { canAccess } = useCanAccess({ resource: 'mailboxes', action: 'legal-hold' });
  const [open, setOpen] = useState(false);
  if (!mailbox) return null;
  return (
    <Card>
      <CardHeader
        title="Legal hold"
        subheader="While a hold is active nothing expires"
        action={
          canAccess && (
            <Button size="small" startIcon={<GavelIcon />} onClick={() => setOpen(true)}>
              Put on hold
            </Button>
          )
        }
      />
      <CardContent>
        <ReferenceManyField reference="legal-holds" target="mailboxId" filter={{ active: true }} sort={{ field: 'startsAt', order: 'DESC' }} perPage={10}>
          <HoldList empty={<Empty text="No active hold: expiry applies as the policy says." />} />
        </ReferenceManyField>
        <Divider sx={{ my: 2 }} />
        <Typography variant="subtitle2" sx={{ mb: 1 }}>
          Past holds
        </Typography>
        <ReferenceManyField
          reference="legal-holds"
          target="mailboxId"
          filter={{ active: false }}
          sort={{ field: 'id', order: 'DESC' }}
          perPage={3}
          pagination={<Pagination rowsPerPageOptions={[3, 10]} />}
        >
          <HoldList empty={<Empty text="None." />} />
        </ReferenceManyField>
      </CardContent>
      {canAccess && <PutHoldDialog mailboxId={mailbox.id} address={mailbox.address} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
};
