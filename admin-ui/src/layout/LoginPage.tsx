import { Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';

/**
 * react-admin's default login page and form, with the first field labelled for what Mailwarden
 * expects: the form still submits it as `username`, which authProvider.login maps to `email`.
 */
export const LoginPage = () => (
  <Login>
    <LoginForm>
      <TextInput autoFocus source="username" label="Email" type="email" autoComplete="username" validate={required()} />
      <PasswordInput source="password" autoComplete="current-password" validate={required()} />
    </LoginForm>
  </Login>
);
