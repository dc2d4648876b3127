// The one factory for the schedule's query keys and options.
import { queryOptions } from '@tanstack/react-query';
import { fetchSchedule, fetchUserSchedule } from './api-client';

export const scheduleKeys = {
  all: ['schedule'] as const,
  list: () => ['schedule', 'list'] as const,
  // Under ['users'], so every activation's invalidation of userKeys.all refetches it too.
  user: (id: string) => ['users', 'schedule', id] as const,
};

/** Waiting changes run by themselves: the lists look again now and then. */
const POLL_MS = 15_000;

export const scheduleQueries = {
  list: () => queryOptions({ queryKey: scheduleKeys.list(), queryFn: ({ signal }) => fetchSchedule(signal), refetchInterval: POLL_MS }),
  user: (id: string) =>
    queryOptions({ queryKey: scheduleKeys.user(id), queryFn: ({ signal }) => fetchUserSchedule(id, signal), refetchInterval: POLL_MS }),
};
