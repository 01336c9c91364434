import { Box, Stack } from '@mui/material';
import { Show } from 'react-admin';
import { AuditTrailCard } from './AuditTrailCard';
import { ExpiryCard } from './ExpiryCard';
import { FoldersCard } from './FoldersCard';
import { LegalHoldCard } from './LegalHoldCard';
import { LimitCard } from './LimitCard';
import { MailboxHeader } from './MailboxHeader';
import { NotificationsCard } from './NotificationsCard';
import { RetentionCard } from './RetentionCard';
import { TemporaryIncreasesCard } from './TemporaryIncreasesCard';
import { UsageCard } from './UsageCard';
import { UsageHistoryCard } from './UsageHistoryCard';

const columns = (large: string) => ({ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: large } }) as const;

/**
 * Everything help desk needs about one mailbox on one page: usage, limit and why, history, folders, retention in
 * force, legal hold, last expiry (and running it), increases, notices (and resending the last one), audit trail.
 */
export const MailboxShow = () => (
  <Show component="div" actions={false} emptyWhileLoading>
    <Stack spacing={2} sx={{ mt: 1, mb: 2 }}>
      <MailboxHeader />
      <Box sx={columns('1fr 1fr')}>
        <UsageCard />
        <LimitCard />
      </Box>
      <Box sx={columns('3fr 2fr')}>
        <UsageHistoryCard />
        <FoldersCard />
      </Box>
      <Box sx={columns('3fr 2fr')}>
        <RetentionCard />
        <Stack spacing={2}>
          <LegalHoldCard />
          <ExpiryCard />
        </Stack>
      </Box>
      <TemporaryIncreasesCard />
      <NotificationsCard />
      <AuditTrailCard />
    </Stack>
  </Show>
);
