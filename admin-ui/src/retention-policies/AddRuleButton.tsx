import AddIcon from '@mui/icons-material/Add';
import { Button, useSimpleFormIterator } from 'react-admin';
import { NEW_RULE } from './policyValidation';

/** Appends a rule with the server's defaults (32 days from receipt, delete, keep flagged). */
export const AddRuleButton = () => {
  const { add } = useSimpleFormIterator();
  return (
    <Button label="Add rule" onClick={() => add({ ...NEW_RULE })}>
      <AddIcon />
    </Button>
  );
};
