import {
  BooleanInput,
  Edit,
  PasswordInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
} from 'react-admin';
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
  password?: string | null;
}

/** Sends exactly the update body the API accepts; an empty password field keeps the current one. */
const toUpdateBody = ({ name, role, active, password }: StaffEditForm) => ({
  name: name.trim(),
  role,
  active,
  ...(password ? { password } : {}),
});

// Staff accounts are deactivated, never deleted: their audit trail keeps pointing at them.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const StaffEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdateBody}>
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" autoComplete="off" validate={validateName} />
      <SelectInput source="role" choices={ROLE_CHOICES} validate={validateRole} />
      <BooleanInput source="active" helperText="Inactive staff cannot sign in" />
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
