import { Card, CardContent, CardHeader, Divider, Typography } from '@mui/material';
import { Pagination, ReferenceManyField } from 'react-admin';
import { GrantIncreaseForm } from './GrantIncreaseForm';
import { IncreaseTable } from './IncreaseTable';

// The contract names no sort fields for temporary increases; createdAt is the one every list of them can offer.
const NEWEST_FIRST = { field: 'createdAt', order: 'DESC' } as const;

const Empty = ({ text }: { text: string }) => (
  <Typography variant="body2" sx={{ py: 1, color: 'text.secondary' }}>
    {text}
  </Typography>
);

// The empty texts go to the tables: ReferenceManyField shows its own `empty` only when no filter is set.
/** Active temporary increases first (with "End now"), the grant form, then past ones. */
export const TemporaryIncreasesCard = () => (
  <Card>
    <CardHeader title="Temporary increases" subheader="Extra space until a date; the limit reverts by itself and the user is told" />
    <CardContent>
      <Typography variant="subtitle2">Active</Typography>
      <ReferenceManyField
        reference="temporary-increases"
        target="mailboxId"
        filter={{ active: true }}
        sort={NEWEST_FIRST}
        perPage={50}
      >
        <IncreaseTable active empty={<Empty text="No active increase." />} />
      </ReferenceManyField>
      <Divider sx={{ my: 2 }} />
      <GrantIncreaseForm />
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle2">Past</Typography>
      <ReferenceManyField
        reference="temporary-increases"
        target="mailboxId"
        filter={{ active: false }}
        sort={NEWEST_FIRST}
        perPage={5}
        pagination={<Pagination rowsPerPageOptions={[5, 10, 25]} />}
      >
        <IncreaseTable active={false} empty={<Empty text="No past increases." />} />
      </ReferenceManyField>
    </CardContent>
  </Card>
);
