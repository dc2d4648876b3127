'use client';

import { useSyncExternalStore } from 'react';
import { formatDay, formatInstant, formatRelative } from '@/lib/format-time';

// One clock for every relative time on the page, ticking once a minute.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = () => now;
const getServerNow = () => null;

/**
 * The page's clock (epoch ms), or null on the server and while React hydrates: both then
 * render the same fixed UTC form (lib/format-time.ts), and React renders again with the
 * browser's zone, language and clock right after. Every time on a page goes through it.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getNow, getServerNow);
}

function parse(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 days ago", with the exact time in the tooltip and the machine-readable value in dateTime. */
export function RelativeTime({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useNow();
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  return (
    <time dateTime={value} title={formatInstant(date, current !== null)}>
      {current === null ? formatInstant(date, false) : formatRelative(date, current)}
    </time>
  );
}

/** The exact date and time, followed by how long ago it was. */
export function DateTime({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useNow();
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  return (
    <span>
      <time dateTime={value} title={value}>
        {formatInstant(date, current !== null)}
      </time>
      {current === null ? null : <span className="text-slate-600 dark:text-slate-400"> ({formatRelative(date, current)})</span>}
    </span>
  );
}

/** A date people can cite ("Dec 3, 2025"), with the relative time in its tooltip. */
export function ShortDate({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useNow();
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  const exact = formatInstant(date, current !== null);
  return (
    <time dateTime={value} title={current === null ? exact : `${formatRelative(date, current)} · ${exact}`}>
      {formatDay(date, current !== null)}
    </time>
  );
}
