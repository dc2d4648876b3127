import type { ReactNode } from 'react';

type Tone = 'success' | 'neutral' | 'info' | 'warning';

const tones: Record<Tone, { badge: string; dot: string }> = {
  success: {
    badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30',
    dot: 'bg-emerald-600 dark:bg-emerald-400',
  },
  neutral: {
    badge: 'bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30',
    dot: 'border border-slate-500 dark:border-slate-300',
  },
  info: {
    badge: 'bg-blue-50 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-400/30',
    dot: 'bg-blue-600 dark:bg-blue-400',
  },
  warning: {
    badge: 'bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30',
    dot: 'bg-amber-600 dark:bg-amber-400',
  },
};

type BadgeProps = {
  tone?: Tone;
  dot?: boolean;
  /** The id of an element that describes the label (its accessible description); `title` shows the same on hover. */
  describedBy?: string;
  title?: string;
  children: ReactNode;
};

/** A short label with text (never colour alone) and an optional dot. */
export function Badge({ tone = 'neutral', dot = false, describedBy, title, children }: BadgeProps) {
  const t = tones[tone];
  return (
    <span
      aria-describedby={describedBy}
      title={title}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${t.badge}`}
    >
      {dot ? <span aria-hidden="true" className={`size-1.5 rounded-full ${t.dot}`} /> : null}
      {children}
    </span>
  );
}
