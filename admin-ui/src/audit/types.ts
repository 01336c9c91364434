import type { ApiResponse } from '../api/types';

/** One audit event, as `GET /api/audit-events/:id` returns it (`before` and `after` are free JSON). */
export type AuditEvent = ApiResponse<'/api/audit-events/{id}', 'get'>;
