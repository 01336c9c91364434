import { Autocomplete, TextField } from '@mui/material';
import { FieldTitle, InputHelperText, useInput, type Validator } from 'react-admin';

interface PresetTextInputProps {
  source: string;
  label: string;
  presets: { value: string; label: string }[];
  validate?: Validator | Validator[];
  helperText?: string;
}

/** A text input with suggestions: pick a preset (INBOX, \Trash…) or type anything else (a folder name, a glob). */
export const PresetTextInput = ({ source, label, presets, validate, helperText }: PresetTextInputProps) => {
  const { id, field, fieldState, isRequired } = useInput({ source, validate, defaultValue: '' });
  const error = fieldState.error?.message;
  const value = typeof field.value === 'string' ? field.value : '';
  return (
    <Autocomplete
      freeSolo
      disableClearable
      options={presets.map((preset) => preset.value)}
      filterOptions={(options) => options}
      inputValue={value}
      onInputChange={(_event, next) => field.onChange(next)}
      renderOption={({ key, ...props }, option) => (
        <li key={key} {...props}>
          {presets.find((preset) => preset.value === option)?.label ?? option}
        </li>
      )}
      sx={{ flex: '1 1 260px', minWidth: 220 }}
      renderInput={(params) => (
        <TextField
          {...params}
          id={id}
          name={field.name}
          onBlur={field.onBlur}
          inputRef={field.ref}
          size="small"
          label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
          error={Boolean(error)}
          helperText={<InputHelperText error={error} helperText={helperText} />}
        />
      )}
    />
  );
};
