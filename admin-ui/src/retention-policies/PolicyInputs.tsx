import { Typography } from '@mui/material';
import { ArrayInput, BooleanInput, SimpleFormIterator, TextInput } from 'react-admin';
import { FormServerError } from '../common/FormServerError';
import { AddRuleButton } from './AddRuleButton';
import { RuleInputs } from './RuleInputs';
import { validateDescription, validateName } from './policyValidation';

const RULE_ROWS = {
  '& .RaSimpleFormIterator-line': { py: 1 },
  '& .RaSimpleFormIterator-index': { pt: 2.5, fontWeight: 600 },
};

/** The fields shared by the create and edit forms; the rules are ordered and can be moved up and down. */
export const PolicyInputs = () => (
  <>
    <FormServerError />
    <TextInput source="name" autoComplete="off" validate={validateName} sx={{ maxWidth: 480 }} />
    <TextInput source="description" multiline minRows={2} validate={validateDescription} helperText="Optional: what this policy is for" />
    <BooleanInput
      source="isDefault"
      label="Default policy"
      helperText="Applies to every mailbox whose plan and mailbox assign no policy; only one policy is the default"
    />
    <Typography variant="subtitle1" sx={{ mt: 2 }}>
      Rules
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
      For each folder the first rule that matches wins: put the specific rules (Trash, Junk, Lists/*) before broad ones.
      Folders no rule matches keep their mail.
    </Typography>
    <ArrayInput source="rules" label={false}>
      <SimpleFormIterator
        fullWidth
        disableClear
        sx={RULE_ROWS}
        getItemLabel={(index) => `#${index + 1}`}
        addButton={<AddRuleButton />}
      >
        <RuleInputs />
      </SimpleFormIterator>
    </ArrayInput>
  </>
);
