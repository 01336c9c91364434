// Who acts in an API service call: the signed-in staff member and the request id, as the audit writer records
// them (an AuditContext that always has a staff member). Routes build it with actorOf (http/actor.ts).
import type { AuditContext } from '../core/repositories/audit-log.ts';

export type StaffActor = NonNullable<AuditContext> & { staff: { id: number; email: string } };
