import { Typography } from '@mui/material';
import {
  BooleanInput,
  Edit,
  PasswordInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useRecordContext,
} from 'react-admin';
import { ResetMfaButton } from './ResetMfaButton';
import { SignOutEverywhereButton } from './SignOutEverywhereButton';
import type { StaffMember } from './types';
import { ROLE_CHOICES } from '../providers/accessControl';
import {
  MIN_PASSWORD_LENGTH,
  validateName,
  validateReplacementPassword,
  validateRole,
} from './staffValidation';

interface StaffEditForm {
  name: string;
  role: string;
  active: boolean;
  canViewMessageMetadata: boolean;
  password?: string | null;
}

/** Sends exactly the update body the API accepts; an empty password field keeps the current one. */
const toUpdateBody = ({ name, role, active, canViewMessageMetadata, password }: StaffEditForm) => ({
  name: name.trim(),
  role,
  active,
  canViewMessageMetadata,
  ...(password ? { password } : {}),
});

// Staff accounts are deactivated, never deleted: their audit trail keeps pointing at them.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
    <SignOutEverywhereButton />
  </Toolbar>
);

/** Whether MFA is set up, and the admin's reset. */
const MfaState = () => {
  const staff = useRecordContext<StaffMember>();
  if (!staff) return null;
  return (
    <Typography variant="body2" sx={{ mb: 2, display: 'flex', alignItems: 'center', gap: 1 }}>
      {staff.mfaEnabledAt ? `Two-factor authentication on since ${new Date(staff.mfaEnabledAt).toLocaleDateString()}` : 'Two-factor authentication not set up'}
      <ResetMfaButton />
    </Typography>
  );
};

export const StaffEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdateBody}>
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" autoComplete="off" validate={validateName} />
      <SelectInput source="role" choices={ROLE_CHOICES} validate={validateRole} />
      <BooleanInput source="active" helperText="Inactive staff cannot sign in" />
      <BooleanInput
        source="canViewMessageMetadata"
        label="May see message subjects and senders"
        helperText="Expiry previews and the expired-message audit. Admins always may; without it, counts, sizes and dates only"
      />
      <MfaState />
      <PasswordInput
        source="password"
        label="New password"
        autoComplete="new-password"
        helperText={`Leave empty to keep the current password; at least ${MIN_PASSWORD_LENGTH} characters`}
        validate={validateReplacementPassword}
      />
    </SimpleForm>
  </Edit>
);
