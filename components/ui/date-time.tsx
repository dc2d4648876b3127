'use client';

import { useSyncExternalStore } from 'react';

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

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

function formatRelative(date: Date, from: number): string {
  const seconds = Math.round((date.getTime() - from) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size * 0.9 || unit === 'minute') return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

function formatAbsolute(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' }).format(date);
}

function parse(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 days ago", with the exact time in the tooltip and the machine-readable value in dateTime. */
export function RelativeTime({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, getNow, getNow);
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  return (
    <time dateTime={value} title={formatAbsolute(date)} suppressHydrationWarning>
      {formatRelative(date, current)}
    </time>
  );
}

/** The exact date and time, followed by how long ago it was. */
export function DateTime({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, getNow, getNow);
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  return (
    <span suppressHydrationWarning>
      <time dateTime={value} title={value}>
        {formatAbsolute(date)}
      </time>{' '}
      <span className="text-slate-600 dark:text-slate-400">({formatRelative(date, current)})</span>
    </span>
  );
}

const shortDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** A date people can cite ("Dec 3, 2025"), with the relative time in its tooltip. */
export function ShortDate({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, getNow, getNow);
  const date = parse(value);
  if (!date || !value) return <span>{fallback}</span>;
  return (
    <time dateTime={value} title={`${formatRelative(date, current)} · ${formatAbsolute(date)}`} suppressHydrationWarning>
      {shortDate.format(date)}
    </time>
  );
}
