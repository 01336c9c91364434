import { Type } from 'typebox';
import { DateTime, Nullable } from './common.ts';

export const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actorType: Type.Enum(['staff', 'system']),
  actorEmail: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  entityName: Nullable(Type.String({ description: 'What entityId stands for: the address, plan or policy name, staff email or article title; null when none or gone' })),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reqId: Nullable(Type.String()),
});
