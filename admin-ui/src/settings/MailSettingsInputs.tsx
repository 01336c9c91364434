import { Divider, Typography } from '@mui/material';
import { BooleanInput, NumberInput, RadioButtonGroupInput, TextArrayInput, TextInput } from 'react-admin';
import { EndpointInputs } from './EndpointInputs';
import { USERNAME_CHOICES } from './types';
import { validateDomains, validateLeaveDays, validateOrganisation, validateWebmail } from './settingsValidation';

const Heading = ({ children }: { children: string }) => (
  <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 600 }}>
    {children}
  </Typography>
);

/** Every field of the settings form; `readOnly` for roles that may only look (helpdesk). */
export const MailSettingsInputs = ({ readOnly }: { readOnly: boolean }) => (
  <>
    <TextInput source="organisationName" label="Organisation name" validate={validateOrganisation} readOnly={readOnly} />
    <TextArrayInput
      source="domains"
      label="Mail domains"
      validate={validateDomains}
      readOnly={readOnly}
      helperText="Press Enter after each domain. Autoconfig, autodiscover and the DNS records cover each one."
    />
    <Heading>Servers</Heading>
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
      Implicit TLS on 993, 995 and 465 is preferred (RFC 8314); STARTTLS uses 143, 110 and 587. "Off" removes a protocol from the
      help page, autoconfig, autodiscover and the DNS records.
    </Typography>
    <EndpointInputs prefix="imap" label="IMAP" readOnly={readOnly} />
    <EndpointInputs prefix="pop3" label="POP3" readOnly={readOnly} />
    <EndpointInputs prefix="smtp" label="SMTP submission" readOnly={readOnly} />
    <RadioButtonGroupInput source="usernameFormat" label="Users log in with" choices={USERNAME_CHOICES} readOnly={readOnly} />
    <Divider sx={{ my: 2, width: '100%' }} />
    <Heading>Help page</Heading>
    <TextInput source="webmailUrl" label="Webmail URL" validate={validateWebmail} readOnly={readOnly} helperText="Optional" />
    <TextInput source="helpdeskContact" label="Help-desk contact" readOnly={readOnly} helperText="Shown on the help page, e.g. an address or phone number" />
    <NumberInput
      source="popLeaveOnServerDays"
      label="POP: leave mail on the server (days)"
      validate={validateLeaveDays}
      readOnly={readOnly}
      step={1}
      helperText="Always capped one day below the INBOX retention age; empty = up to that cap"
    />
    <BooleanInput
      source="allowPersonalLookup"
      label="Personal help page (/help?email=)"
      readOnly={readOnly}
      helperText="When on, anyone who types an address sees its plan, usage and quota, and so learns whether the address exists. When off, every address gets the same page."
    />
  </>
);
