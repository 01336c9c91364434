import { Alert, Box, Card, CardContent, CardHeader, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { Link } from 'react-admin';
import { UsageBar } from '../common/UsageBar';
import type { DashboardSummary } from './api';

const Count = ({ value, label, color }: { value: number; label: string; color: string }) => (
  <Box>
    <Typography variant="h4" sx={{ color, fontWeight: 600 }} data-count={label}>{value}</Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>{label}</Typography>
  </Box>
);

/** Active mailboxes at or past their plan's first warning threshold, and the fullest ten. */
export const QuotaCard = ({ quota }: { quota: DashboardSummary['quota'] }) => (
  <Card sx={{ height: '100%' }}>
    <CardHeader title="Quota" subheader="Active mailboxes, as of their last scan" />
    <CardContent>
      <Stack direction="row" spacing={4} sx={{ mb: 2 }}>
        <Count value={quota.over} label="over quota" color="error.main" />
        <Count value={quota.near} label="near quota" color="warning.main" />
      </Stack>
      {quota.top.length === 0 ? (
        <Alert severity="success">No mailbox is near its quota.</Alert>
      ) : (
        <List dense disablePadding aria-label="Fullest mailboxes">
          {quota.top.map((m) => (
            <ListItemButton key={m.id} component={Link} to={`/mailboxes/${m.id}/show`} sx={{ px: 0 }}>
              <ListItemText
                primary={m.displayName ? `${m.address} (${m.displayName})` : m.address}
                secondary={<UsageBar usedBytes={m.usedBytes} limitBytes={m.limitBytes} percent={m.usagePercent} warnAt={m.nearThreshold} dense />}
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItemButton>
          ))}
        </List>
      )}
    </CardContent>
  </Card>
);
