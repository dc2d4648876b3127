// The schedule feature's calls to the console's API, through the one fetch wrapper
// (docs/decisions/0110-scheduled-changes-are-jobs.md, 0111-time-boxed-reactivation.md).
import { apiRequest } from '@/lib/api-request';
import type { CreateScheduleBody, ReactivationEnd, ScheduleList } from './types';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function fetchSchedule(signal?: AbortSignal): Promise<ScheduleList> {
  return apiRequest<ScheduleList>('/api/schedule', { signal });
}

export function fetchUserSchedule(userId: string, signal?: AbortSignal): Promise<ScheduleList> {
  return apiRequest<ScheduleList>(`${userPath(userId)}/schedule`, { signal });
}

export function scheduleChange(body: CreateScheduleBody): Promise<{ id: string }> {
  return apiRequest<{ id: string }>('/api/schedule', { method: 'POST', body });
}

export function cancelScheduledChange(jobId: string, seq: number): Promise<unknown> {
  return apiRequest(`/api/schedule/${encodeURIComponent(jobId)}/cancel`, { method: 'POST', body: { seq } });
}

export function extendReactivation(userId: string, end: ReactivationEnd): Promise<{ until: string }> {
  return apiRequest<{ until: string }>(`${userPath(userId)}/reactivation`, { method: 'PATCH', body: end });
}

export function makeReactivationPermanent(userId: string): Promise<unknown> {
  return apiRequest(`${userPath(userId)}/reactivation`, { method: 'DELETE', body: {} });
}
