import { Typography } from '@mui/material';
import { Link, useRecordContext } from 'react-admin';
import type { JsonValue } from './auditDiff';
import { auditReason, auditSummary } from './auditSummary';
import type { AuditEvent } from './types';

// The console page of each kind of entity an audit event can name.
const PAGES: Record<string, string> = {
  mailbox: 'mailboxes', plan: 'plans', retention_policy: 'retention-policies', staff: 'staff', 'guidance-article': 'guidance-articles',
};

type FieldProps = { label?: string };

/** The entity by name (address, plan name…) linking to its page; the type and id when it has no name. */
export const EntityField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  if (!event) return null;
  const page = PAGES[event.entityType];
  if (event.entityName && page) {
    return <Link to={`/${page}/${event.entityId}/show`} onClick={(e: React.MouseEvent) => e.stopPropagation()}>{event.entityName}</Link>;
  }
  const what = event.entityType.replace(/[_-]/g, ' ');
  return <span>{event.entityId ? `${what} ${event.entityId}${page ? ' (deleted)' : ''}` : what}</span>;
};

/** What changed, in one line with units and local times. */
export const SummaryField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  if (!event) return null;
  const text = auditSummary(event.before as JsonValue, event.after as JsonValue);
  return <Typography variant="body2" component="span">{text || '—'}</Typography>;
};

/** The reason or ticket staff gave, when the event recorded one. */
export const ReasonField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  return <span>{auditReason(event?.after) ?? '—'}</span>;
};
