import { Alert, Box, Card, CardContent, CardHeader, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchDnsPlan, type DnsPlan } from './api';
import { CopyButton } from './CopyButton';
import { DnsRecordsTable } from './DnsRecordsTable';

/** `/dns`: the SRV and autoconfig/autodiscover records to publish, as a zone snippet to copy and as a table. */
export const DnsRecordsPage = () => {
  const [plan, setPlan] = useState<DnsPlan | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    fetchDnsPlan().then(
      (result) => current && setPlan(result),
      (e: unknown) => current && setError(errorMessage(e, 'Could not load the DNS records')),
    );
    return () => {
      current = false;
    };
  }, []);

  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>;
  if (!plan) return <Loading />;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="DNS records" />
      {plan.notes.map((note) => (
        <Alert key={note} severity="info">{note}</Alert>
      ))}
      <Card>
        <CardHeader
          title="Zone snippet"
          subheader="RFC 6186/8314 SRV records and the names Thunderbird and Outlook look up. Built from the mail settings."
          action={<CopyButton text={plan.zone} label="Copy zone snippet" />}
        />
        <CardContent>
          <Box component="pre" sx={{ m: 0, p: 2, overflowX: 'auto', bgcolor: 'action.hover', fontSize: 13, borderRadius: 1 }}>
            {plan.zone}
          </Box>
        </CardContent>
      </Card>
      <Card>
        <CardHeader title="Records" />
        <CardContent sx={{ overflowX: 'auto' }}>
          <DnsRecordsTable records={plan.records} />
        </CardContent>
      </Card>
    </Stack>
  );
};
