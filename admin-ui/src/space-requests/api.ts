// The two decisions on a request for more space (POST /api/space-requests/:id/approve | refuse).
import type { ApiBody, ApiResponse } from '../api/types';
import { httpClient } from '../providers/httpClient';

export type SpaceRequest = ApiResponse<'/api/space-requests/{id}', 'get'>;
type ApproveBody = ApiBody<'/api/space-requests/{id}/approve', 'post'>;

const url = (id: number, action: 'approve' | 'refuse') => `/api/space-requests/${encodeURIComponent(String(id))}/${action}`;

export async function approveSpaceRequest(id: number, body: ApproveBody = {}): Promise<SpaceRequest> {
  const { json } = await httpClient(url(id, 'approve'), { method: 'POST', body: JSON.stringify(body) });
  return json as SpaceRequest;
}

export async function refuseSpaceRequest(id: number, note: string): Promise<SpaceRequest> {
  const { json } = await httpClient(url(id, 'refuse'), { method: 'POST', body: JSON.stringify({ note }) });
  return json as SpaceRequest;
}
