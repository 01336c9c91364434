import { Stack } from '@mui/material';
import { NumberInput, SelectInput, TextInput } from 'react-admin';
import { TLS_CHOICES } from './types';
import { validateHost, validatePort } from './settingsValidation';

interface Props {
  prefix: 'imap' | 'pop3' | 'smtp';
  label: string;
  readOnly: boolean;
}

/** Host, port and TLS mode of one protocol, on one row on wide screens. */
export const EndpointInputs = ({ prefix, label, readOnly }: Props) => (
  <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 0, md: 2 }} sx={{ width: '100%' }}>
    <TextInput source={`${prefix}Host`} label={`${label} host`} validate={validateHost} readOnly={readOnly} sx={{ flex: 2 }} autoComplete="off" />
    <NumberInput source={`${prefix}Port`} label="Port" validate={validatePort} readOnly={readOnly} step={1} sx={{ flex: 1 }} />
    <SelectInput source={`${prefix}Tls`} label="Security" choices={TLS_CHOICES} readOnly={readOnly} sx={{ flex: 1.5 }} />
  </Stack>
);
