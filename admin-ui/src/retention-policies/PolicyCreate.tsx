import { Create, SimpleForm } from 'react-admin';
import { PolicyInputs } from './PolicyInputs';
import { NEW_RULE, toPolicyBody } from './policyValidation';

// The classic policy to start from: INBOX mail older than 32 days goes, flagged mail stays.
const defaults = { name: '', description: '', isDefault: false, rules: [{ ...NEW_RULE, folderSelector: 'INBOX' }] };

export const PolicyCreate = () => (
  <Create redirect="edit" transform={toPolicyBody}>
    <SimpleForm sx={{ maxWidth: 1000 }} defaultValues={defaults}>
      <PolicyInputs />
    </SimpleForm>
  </Create>
);
