// The one factory for the jobs' query keys and options.
import { queryOptions } from '@tanstack/react-query';
import { fetchJob, fetchJobs } from './api-client';
import { isJobActive } from './types';

export const jobKeys = {
  all: ['jobs'] as const,
  list: () => ['jobs', 'list'] as const,
  detail: (id: string, after: number) => ['jobs', 'detail', id, after] as const,
};

/** While a job runs its page polls (TanStack Query's refetchInterval); a finished job is read once. */
const POLL_MS = 1000;

export const jobQueries = {
  list: () => queryOptions({ queryKey: jobKeys.list(), queryFn: ({ signal }) => fetchJobs(signal) }),
  detail: (id: string, after: number) =>
    queryOptions({
      queryKey: jobKeys.detail(id, after),
      queryFn: ({ signal }) => fetchJob(id, after, signal),
      refetchInterval: (query) => (query.state.data && !isJobActive(query.state.data.job.state) ? false : POLL_MS),
    }),
};
