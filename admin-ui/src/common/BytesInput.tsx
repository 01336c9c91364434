import { InputAdornment, MenuItem, TextField, type SxProps } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { FieldTitle, InputHelperText, useInput, type Validator } from 'react-admin';
import { parseAmountText, pickUnit, toAmountText, type ByteUnit } from './bytes';

export interface BytesInputProps {
  source: string;
  label?: string;
  helperText?: ReactNode;
  validate?: Validator | Validator[];
  defaultValue?: number | null;
  /** Units offered in the picker; the value is always stored as bytes. */
  units?: readonly ByteUnit[];
  /** The unit offered while the field is empty (e.g. the plan's: on a 10 MiB plan "20" means 20 MiB, not 20 GiB). */
  emptyUnit?: ByteUnit;
  disabled?: boolean;
  sx?: SxProps;
}

const DEFAULT_UNITS: readonly ByteUnit[] = ['MiB', 'GiB', 'TiB'];

const asBytes = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const sameBytes = (a: number | null, b: number | null) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Refuses what the text field could not turn into bytes, and negative sizes. */
export const validBytes: Validator = (value: unknown) => {
  if (typeof value !== 'number') return undefined;
  if (Number.isNaN(value)) return 'Enter a number';
  if (value < 0) return 'Must not be negative';
  return undefined;
};

/**
 * A size typed as an amount and a unit (MiB, GiB, TiB), stored in the form as a number of bytes
 * (null when empty). Follows value changes made elsewhere, e.g. a form reset or a preset button.
 */
export const BytesInput = ({
  source,
  label,
  helperText,
  validate,
  defaultValue,
  units = DEFAULT_UNITS,
  emptyUnit,
  disabled,
  sx,
}: BytesInputProps) => {
  const validators = [validBytes, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  const { id, field, fieldState, isRequired } = useInput({
    source,
    defaultValue,
    validate: validators,
    format: (value: unknown) => value,
    parse: (value: unknown) => value,
  });
  const bytes = asBytes(field.value);
  const unitFor = (value: number | null) => (value === null && emptyUnit ? emptyUnit : pickUnit(value, units));
  const [unit, setUnit] = useState<ByteUnit>(() => unitFor(bytes));
  const [text, setText] = useState(() => toAmountText(bytes, unit));

  useEffect(() => {
    if (sameBytes(parseAmountText(text, unit), bytes)) return;
    const next = unitFor(bytes);
    setUnit(next);
    setText(toAmountText(bytes, next));
    // Only a change of the stored value can make the text stale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bytes]);

  // The plan (and so the empty field's unit) may arrive after the first render; nothing typed yet follows it.
  useEffect(() => {
    if (emptyUnit && text.trim() === '') setUnit(emptyUnit);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [emptyUnit]);

  const changeText = (value: string) => {
    setText(value);
    field.onChange(parseAmountText(value, unit));
  };
  const changeUnit = (value: ByteUnit) => {
    setUnit(value);
    field.onChange(parseAmountText(text, value));
  };

  const errorMessage = fieldState.error?.message;
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(event) => changeText(event.target.value)}
      onBlur={field.onBlur}
      disabled={disabled}
      label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
      error={fieldState.invalid}
      helperText={<InputHelperText error={errorMessage} helperText={helperText} />}
      sx={{ minWidth: 260, ...sx }}
      slotProps={{
        htmlInput: { inputMode: 'decimal' },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <TextField
                select
                variant="standard"
                value={unit}
                disabled={disabled}
                onChange={(event) => changeUnit(event.target.value as ByteUnit)}
                slotProps={{ htmlInput: { 'aria-label': `${label ?? source} unit` } }}
              >
                {units.map((choice) => (
                  <MenuItem key={choice} value={choice}>
                    {choice}
                  </MenuItem>
                ))}
              </TextField>
            </InputAdornment>
          ),
        },
      }}
    />
  );
};
