import { Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';
import { ROLE_CHOICES } from '../providers/accessControl';

function roleLabel(role: unknown): string {
  return ROLE_CHOICES.find((choice) => choice.id === role)?.name ?? String(role ?? '');
}

/** The console's home page. Later dashboards add their cards to the stack. */
export const Dashboard = () => {
  const { identity, isPending } = useGetIdentity();
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Dashboard" />
      <Card>
        <CardHeader title={isPending ? 'Welcome to Mailwarden' : `Welcome to Mailwarden, ${identity?.fullName ?? ''}`} />
        {identity && (
          <CardContent>
            <Typography variant="body1">
              Signed in as {identity.email} with the {roleLabel(identity.role)} role.
            </Typography>
          </CardContent>
        )}
      </Card>
    </Stack>
  );
};
