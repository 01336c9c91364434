import { useEffect, useState } from 'react';
import { errorMessage } from '../common/errors';
import { previewMarkdown, type Preview } from './api';

/** Waits this long after the last keystroke before asking the server, so typing does not flood the API. */
const DEBOUNCE_MS = 300;

export function usePreview(markdown: string | undefined): { preview: Preview | null; error: string | null } {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewMarkdown(markdown ?? '').then(
        (result) => {
          if (!current) return;
          setPreview(result);
          setError(null);
        },
        (e: unknown) => current && setError(errorMessage(e, 'Preview unavailable')),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [markdown]);
  return { preview, error };
}
