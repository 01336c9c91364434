import type { ApiResponse, ApiRow } from '../api/types';
import { httpClient } from '../providers/httpClient';

export type Notification = ApiRow<'/api/notifications/'>;
/** `GET /api/notifications/:id/content`: what the notice said, and the figures it was written with. */
export type NotificationContent = ApiResponse<'/api/notifications/{id}/content', 'get'>;

export async function fetchNotificationContent(id: string | number): Promise<NotificationContent> {
  const { json } = await httpClient(`/api/notifications/${encodeURIComponent(String(id))}/content`);
  return json as NotificationContent;
}

export const KIND_LABELS: Record<Notification['kind'], string> = {
  near_quota: 'Nearly full', over_quota: 'Over quota', back_under: 'Below quota again', increase_ending: 'Increase ending',
  increase_ended: 'Increase ended', expiry_notice: 'Mail will expire', space_request_approved: 'Space request approved',
  space_request_refused: 'Space request refused',
};

export const STATUS_LABELS: Record<Notification['status'], string> = {
  pending: 'Waiting to send', sending: 'Sending', sent: 'Sent', failed: 'Failed', unknown: 'Outcome unknown',
};
