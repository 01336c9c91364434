import { Create, SimpleForm } from 'react-admin';
import { GiB } from '../common/bytes';
import { PlanInputs } from './PlanInputs';
import { DEFAULT_THRESHOLDS, toPlanBody } from './planValidation';

// Dovecot's own quota_grace default is 10 %; a temporary reply gives the user time to clean up.
const defaults = {
  storageLimitBytes: 2 * GiB,
  messageLimit: null,
  warnThresholds: DEFAULT_THRESHOLDS,
  gracePercent: 10,
  overQuotaReply: 'temporary',
  adminCopyEmail: null,
  isDefault: false,
};

export const PlanCreate = () => (
  <Create redirect="list" transform={toPlanBody}>
    <SimpleForm sx={{ maxWidth: 720 }} defaultValues={defaults}>
      <PlanInputs />
    </SimpleForm>
  </Create>
);
