import { Alert } from '@mui/material';
import { useFormState } from 'react-hook-form';

/**
 * The server's refusal of the last save, shown next to the form (set as `root.serverError` from
 * `HttpError.body.errors`, see serverErrors.ts). Cleared by the next submit.
 */
export const FormServerError = () => {
  const { errors } = useFormState();
  const message = errors.root?.serverError?.message;
  if (!message) return null;
  return (
    <Alert severity="error" sx={{ width: '100%', mb: 1 }} role="alert">
      Not saved: {message}
    </Alert>
  );
};
