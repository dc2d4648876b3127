// Changes per day as a stacked bar chart, drawn on the server as plain SVG (no
// chart library, no JavaScript), with the same numbers as a table under
// "Show as table". The SVG is one image to assistive technology: its name is
// `Changes per day` and its description sums the period; the table has each day.
import { useId } from 'react';
import type { DailyChanges } from '@/lib/overview/types';

type Series = { key: Exclude<keyof DailyChanges, 'day'>; label: string; fill: string; swatch: string };

const SERIES: readonly Series[] = [
  { key: 'deactivations', label: 'Deactivations', fill: 'fill-rose-600 dark:fill-rose-400', swatch: 'bg-rose-600 dark:bg-rose-400' },
  {
    key: 'reactivations',
    label: 'Reactivations',
    fill: 'fill-emerald-600 dark:fill-emerald-400',
    swatch: 'bg-emerald-600 dark:bg-emerald-400',
  },
  { key: 'failures', label: 'Failures', fill: 'fill-amber-500 dark:fill-amber-300', swatch: 'bg-amber-500 dark:bg-amber-300' },
  {
    key: 'outside',
    label: 'Outside the console',
    fill: 'fill-violet-600 dark:fill-violet-400',
    swatch: 'bg-violet-600 dark:bg-violet-400',
  },
];

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const fullDayLabel = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Jan 31, 2026"-style label of a UTC day (YYYY-MM-DD); the table's row headers. */
function formatDay(day: string): string {
  return fullDayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** A round top for the y axis (1, 2, 5 × 10^n) and its tick values, at least 4 units tall. */
function yScale(max: number): { top: number; ticks: number[] } {
  const target = Math.max(4, max);
  const rough = target / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const top = Math.ceil(target / step) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

const total = (d: DailyChanges) => SERIES.reduce((sum, s) => sum + d[s.key], 0);

function summarize(days: readonly DailyChanges[]): string {
  const sums = SERIES.map((s) => `${days.reduce((sum, d) => sum + d[s.key], 0)} ${s.label.toLowerCase()}`);
  return `Last ${days.length} days (UTC): ${sums.join(', ')}.`;
}

export function ChangesChart({ days }: { days: readonly DailyChanges[] }) {
  const id = useId();
  const { top, ticks } = yScale(Math.max(0, ...days.map(total)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;

  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <span aria-hidden="true" className={`size-3 rounded-sm ${s.swatch}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full text-slate-600 dark:text-slate-400"
      >
        <title id={`${id}-title`}>Changes per day</title>
        <desc id={`${id}-desc`}>{summarize(days)}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              className="stroke-slate-200 dark:stroke-slate-800"
              strokeWidth={1}
            />
            <text x={PAD.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" fontSize={11} fill="currentColor">
              {tick}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={d.day}>
              <title>{`${formatDay(d.day)}: ${SERIES.map((s) => `${d[s.key]} ${s.label.toLowerCase()}`).join(', ')}`}</title>
              {/* A transparent full-height target, so the tooltip shows on days with no changes too. */}
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} fill="transparent" />
              {SERIES.map((s) => {
                const value = d[s.key];
                if (value === 0) return null;
                const rect = (
                  <rect key={s.key} x={x} y={y(base + value)} width={barW} height={y(base) - y(base + value)} className={s.fill} />
                );
                base += value;
                return rect;
              })}
              {i % 7 === (days.length - 1) % 7 ? (
                <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="currentColor">
                  {dayLabel.format(new Date(`${d.day}T00:00:00Z`))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details className="group text-sm">
        <summary className="cursor-pointer font-medium text-blue-700 dark:text-blue-300">Show as table</summary>
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left tabular-nums">
            <caption className="sr-only">Changes per day</caption>
            <thead className="text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Day (UTC)
                </th>
                {SERIES.map((s) => (
                  <th key={s.key} scope="col" className="px-4 py-2 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {/* Newest first: today is the row people look for. */}
              {[...days].reverse().map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="py-1.5 pr-4 font-normal whitespace-nowrap">
                    <time dateTime={d.day}>{formatDay(d.day)}</time>
                  </th>
                  {SERIES.map((s) => (
                    <td key={s.key} className="px-4 py-1.5 text-right">
                      {d[s.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
