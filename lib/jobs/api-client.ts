// The bulk jobs feature's calls to the console's API, through the one fetch wrapper.
import { apiRequest } from '@/lib/api-request';
import type { CreateJobBody, DryRun, DryRunBody, JobDetail, JobList } from './types';

const jobPath = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

export const jobResultsCsvPath = (id: string) => `${jobPath(id)}/results.csv`;

export function fetchJob(id: string, after: number, signal?: AbortSignal): Promise<JobDetail> {
  return apiRequest<JobDetail>(`${jobPath(id)}?after=${after}&limit=100`, { signal });
}

export function fetchJobs(signal?: AbortSignal): Promise<JobList> {
  return apiRequest<JobList>('/api/jobs', { signal });
}

export function startJob(body: CreateJobBody): Promise<{ id: string }> {
  return apiRequest<{ id: string }>('/api/jobs', { method: 'POST', body });
}

export function dryRunJob(body: DryRunBody): Promise<DryRun> {
  return apiRequest<DryRun>('/api/jobs/dry-run', { method: 'POST', body });
}

export function jobCommand(id: string, command: 'cancel' | 'retry' | 'revert'): Promise<{ id: string }> {
  return apiRequest<{ id: string }>(`${jobPath(id)}/${command}`, { method: 'POST', body: {} });
}
