import type { ApiResponse } from '../api/types';

/** A staff member, as `GET /api/staff/:id` returns it. */
export type StaffMember = ApiResponse<'/api/staff/{id}', 'get'>;
