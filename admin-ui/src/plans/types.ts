import type { ApiResponse } from '../api/types';

/** A quota plan, as `GET /api/plans/:id` returns it (`retentionPolicyId` null: the default policy). */
export type Plan = ApiResponse<'/api/plans/{id}', 'get'>;
export type OverQuotaReply = Plan['overQuotaReply'];

export const OVER_QUOTA_REPLY_CHOICES: { id: OverQuotaReply; name: string }[] = [
  { id: 'temporary', name: 'Temporary (4xx): the sender retries for a while' },
  { id: 'permanent', name: 'Permanent (5xx): the message bounces at once' },
];
