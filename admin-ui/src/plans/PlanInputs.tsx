import {
  ArrayInput,
  BooleanInput,
  NumberInput,
  RadioButtonGroupInput,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { BytesInput } from '../common/BytesInput';
import { OVER_QUOTA_REPLY_CHOICES } from './types';
import {
  validateAdminCopy,
  validateGracePercent,
  validateMessageLimit,
  validateName,
  validateStorageLimit,
  validateThreshold,
  validateThresholds,
} from './planValidation';

const THRESHOLDS_IN_A_ROW = {
  '& .RaSimpleFormIterator-list': { display: 'flex', flexWrap: 'wrap', columnGap: 2 },
  '& .RaSimpleFormIterator-line': { borderBottom: 'none' },
};

/** The fields shared by the plan create and edit forms. */
export const PlanInputs = () => (
  <>
    <TextInput source="name" autoComplete="off" validate={validateName} />
    <BytesInput
      source="storageLimitBytes"
      label="Storage limit"
      validate={validateStorageLimit}
      helperText="New logins get it at once; the mailboxes' shown limits and warnings follow in the background. When it drops below usage, open sessions are disconnected if the server kicks sessions (SESSION_KICK), else they keep the old limit until they log in again"
    />
    <NumberInput
      source="messageLimit"
      label="Message limit"
      step={1}
      validate={validateMessageLimit}
      helperText="Optional: most messages a mailbox may hold"
    />
    <ArrayInput
      source="warnThresholds"
      label="Warning thresholds (% of the limit)"
      validate={validateThresholds}
      helperText="One email per threshold crossed, lowest first, e.g. 80, 90, 95"
    >
      <SimpleFormIterator inline disableReordering disableClear sx={THRESHOLDS_IN_A_ROW}>
        <NumberInput source="" label="%" step={1} validate={validateThreshold} sx={{ width: 100 }} />
      </SimpleFormIterator>
    </ArrayInput>
    <NumberInput
      source="gracePercent"
      label="Grace (%)"
      step={1}
      validate={validateGracePercent}
      helperText="How far past the limit mail is still accepted (lets quota notices through)"
    />
    <RadioButtonGroupInput source="overQuotaReply" label="Reply to mail for a full mailbox" choices={OVER_QUOTA_REPLY_CHOICES} row={false} />
    <TextInput
      source="adminCopyEmail"
      label="Admin copy to"
      type="email"
      validate={validateAdminCopy}
      helperText="Optional: also send each quota notice of this plan to this address"
    />
    <BooleanInput source="isDefault" label="Default plan" helperText="Mailboxes created or imported without a plan get this one" />
  </>
);
