import { Box, Stack } from '@mui/material';
import { Show, TabbedShowLayout } from 'react-admin';
import { AuditTrailCard } from './AuditTrailCard';
import { ExpiryCard } from './ExpiryCard';
import { FoldersCard } from './FoldersCard';
import { LargestMessagesCard } from './LargestMessagesCard';
import { LegalHoldCard } from './LegalHoldCard';
import { LimitCard } from './LimitCard';
import { MailboxHeader } from './MailboxHeader';
import { NotificationsCard } from './NotificationsCard';
import { RetentionCard } from './RetentionCard';
import { TemporaryIncreasesCard } from './TemporaryIncreasesCard';
import { UsageCard } from './UsageCard';
import { UsageHistoryCard } from './UsageHistoryCard';

const columns = (large: string) => ({ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: large } }) as const;

// A tab's content is one section; TabbedShowLayout wraps each child in a Labeled, which `label={false}` keeps blank.
const Section = ({ children }: { children: React.ReactNode; label?: false }) => <Stack spacing={2}>{children}</Stack>;

/**
 * One mailbox, in tabs with a path each (/mailboxes/:id/show/usage, …/retention, …/notices, …/audit) so a link
 * opens the part it means: the overview answers "how full, what limit, grant more"; Usage answers "why full"
 * (history, folders, largest messages); then retention and holds, notices, and the audit trail.
 */
export const MailboxShow = () => (
  <Show component="div" actions={false} emptyWhileLoading>
    <Stack spacing={2} sx={{ mt: 1, mb: 2 }}>
      <MailboxHeader />
      <TabbedShowLayout sx={{ p: 0, '& .RaTab-row': { display: 'block' } }}>
        <TabbedShowLayout.Tab label="Overview">
          <Section label={false}>
            <Box sx={columns('1fr 1fr')}>
              <UsageCard />
              <LimitCard />
            </Box>
            <TemporaryIncreasesCard />
          </Section>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Usage: why full" path="usage">
          <Section label={false}>
            <Box sx={columns('3fr 2fr')}>
              <UsageHistoryCard />
              <FoldersCard />
            </Box>
            <LargestMessagesCard />
          </Section>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Retention & holds" path="retention">
          <Section label={false}>
            <Box sx={columns('3fr 2fr')}>
              <RetentionCard />
              <Stack spacing={2}>
                <LegalHoldCard />
                <ExpiryCard />
              </Stack>
            </Box>
          </Section>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Notices" path="notices">
          <Section label={false}>
            <NotificationsCard />
          </Section>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="Audit" path="audit">
          <Section label={false}>
            <AuditTrailCard />
          </Section>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Stack>
  </Show>
);
