import { Create, PasswordInput, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { ROLE_CHOICES } from '../providers/accessControl';
import {
  MIN_PASSWORD_LENGTH,
  validateEmail,
  validateName,
  validateNewPassword,
  validateRole,
} from './staffValidation';

interface StaffCreateForm {
  email: string;
  name: string;
  role: string;
  password: string;
}

/** Sends exactly the create body the API accepts. */
const toCreateBody = ({ email, name, role, password }: StaffCreateForm) => ({
  email: email.trim(),
  name: name.trim(),
  role,
  password,
});

export const StaffCreate = () => (
  <Create redirect="list" transform={toCreateBody}>
    <SimpleForm>
      <TextInput source="email" type="email" autoComplete="off" validate={validateEmail} />
      <TextInput source="name" autoComplete="off" validate={validateName} />
      <SelectInput source="role" choices={ROLE_CHOICES} validate={validateRole} />
      <PasswordInput
        source="password"
        autoComplete="new-password"
        helperText={`At least ${MIN_PASSWORD_LENGTH} characters`}
        validate={validateNewPassword}
      />
    </SimpleForm>
  </Create>
);
