import { Stack } from '@mui/material';
import {
  BooleanInput,
  NumberInput,
  SelectInput,
  useSimpleFormIteratorItem,
  useSourceContext,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { PresetTextInput } from './PresetTextInput';
import { validateMaxAge, validateMoveTo, validateNoticeDays, validateSelector } from './policyValidation';
import { ACTION_CHOICES, AGE_BASIS_CHOICES, FOLDER_PRESETS, MOVE_PRESETS, type AgeBasis, type RuleAction } from './types';

const SELECTOR_HELP = 'INBOX, a folder name, a glob such as Lists/*, or a special use such as \\Trash';

/** The inputs of one rule, inside the rules' SimpleFormIterator (sources are relative to the rule). */
export const RuleInputs = () => {
  const { index } = useSimpleFormIteratorItem();
  const sourceContext = useSourceContext();
  const ageBasis = useWatch({ name: sourceContext.getSource('ageBasis') }) as AgeBasis | undefined;
  const action = useWatch({ name: sourceContext.getSource('action') }) as RuleAction | undefined;
  const basisHelp = AGE_BASIS_CHOICES.find((choice) => choice.id === ageBasis)?.help ?? 'What the age counts from';
  return (
    <Stack spacing={0} sx={{ width: '100%', pt: 1 }} aria-label={`Rule ${index + 1}`}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <PresetTextInput source="folderSelector" label="Folders" presets={FOLDER_PRESETS} validate={validateSelector} helperText={SELECTOR_HELP} />
        <NumberInput source="maxAgeDays" label="Max age (days)" step={1} validate={validateMaxAge} sx={{ flex: '0 0 150px' }} />
        <SelectInput source="ageBasis" label="Age counts from" choices={AGE_BASIS_CHOICES} helperText={basisHelp} defaultValue="received" sx={{ flex: '0 0 260px' }} />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
        <SelectInput source="action" label="Then" choices={ACTION_CHOICES} defaultValue="delete" helperText={false} sx={{ flex: '0 0 150px' }} />
        {action === 'move' && (
          <PresetTextInput source="moveTo" label="Move to" presets={MOVE_PRESETS} validate={validateMoveTo} helperText="A folder name or special use; created if missing" />
        )}
        <NumberInput
          source="noticeDays"
          label="Notice (days before)"
          step={1}
          validate={validateNoticeDays}
          helperText="Optional: email the user this many days ahead"
          sx={{ flex: '0 0 260px' }}
        />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
        <BooleanInput source="keepFlagged" label="Keep flagged mail" defaultValue helperText={false} />
        <BooleanInput source="keepUnread" label="Keep unread mail" defaultValue={false} helperText={false} />
      </Stack>
    </Stack>
  );
};
