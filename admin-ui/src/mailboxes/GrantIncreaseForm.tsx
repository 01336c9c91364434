import { useState } from 'react';
import { Form, useRecordContext } from 'react-admin';
import { GiB } from '../common/bytes';
import { GrantIncreaseFields } from './GrantIncreaseFields';
import type { GrantForm } from './increaseValidation';
import type { MailboxDetail } from './types';

// The form edits a new increase, not the mailbox shown around it.
const NEW_INCREASE = { extraBytes: GiB, expiresAt: null, reason: '' };

/** Grants a temporary increase: presets or custom size and expiry, a required reason, then a confirmation. */
export const GrantIncreaseForm = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const [pending, setPending] = useState<GrantForm | null>(null);
  if (!mailbox) return null;
  return (
    <Form record={NEW_INCREASE} onSubmit={(values: Record<string, unknown>) => setPending(values as unknown as GrantForm)}>
      <GrantIncreaseFields mailbox={mailbox} pending={pending} onDone={() => setPending(null)} />
    </Form>
  );
};
