import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeHistoryEntry } from '@/lib/users/testing/make-history-entry';
import { DeactivationNote } from './deactivation-note';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('DeactivationNote', () => {
  it('says when and by whom the user was deactivated, and why: code, reason and ticket', () => {
    const html = renderToStaticMarkup(
      <DeactivationNote entries={[makeHistoryEntry({ at: '2026-01-03T10:00:00.000Z', reasonCode: 'Leaver', ticket: 'HR-1' })]} />,
    );
    expect(html).toContain('dateTime="2026-01-03T10:00:00.000Z"');
    // The server's form (lib/format-time.ts): UTC, and no "x ago" until the browser has the page.
    expect(text(html)).toBe('Deactivated Jan 3, 2026, 10:00:00 AM UTC by admin@example.com — Leaver: Left (HR-1)');
  });

  it('says a change outside the console was made there, and names no one', () => {
    const outside = makeHistoryEntry({ kind: 'outside-change', actor: null, action: null, method: null, reason: null });
    const html = renderToStaticMarkup(<DeactivationNote entries={[outside]} />);
    expect(text(html)).toMatch(/^Deactivated outside the console [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M UTC$/);
  });

  it('says so when History has no deactivation, and shows what else is known below', () => {
    expect(text(renderToStaticMarkup(<DeactivationNote entries={[]} />))).toBe(
      'Deactivated outside the console; the console has no record of when.',
    );
    expect(text(renderToStaticMarkup(<DeactivationNote entries={[]}>Reactivation scheduled</DeactivationNote>))).toMatch(
      /Reactivation scheduled$/,
    );
  });
});
