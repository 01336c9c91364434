import { Typography, type TypographyProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatBytes } from './bytes';

export interface BytesFieldProps extends Omit<TypographyProps, 'children'> {
  source: string;
  /** Shown when the value is null or missing. */
  emptyText?: string;
  label?: string;
  sortable?: boolean;
}

/** A byte count from the record, in binary units: "1.2 GiB". */
export const BytesField = ({ source, emptyText = '—', label: _label, sortable: _sortable, ...props }: BytesFieldProps) => {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  return (
    <Typography variant="body2" component="span" {...props}>
      {typeof value === 'number' ? formatBytes(value) : emptyText}
    </Typography>
  );
};
