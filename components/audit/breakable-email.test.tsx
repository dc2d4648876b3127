import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BreakableEmail } from './breakable-email';

describe('BreakableEmail', () => {
  it('offers breaks only after the @ and before dots, and keeps the text whole', () => {
    expect(renderToStaticMarkup(<BreakableEmail value="anne-marie.lefevre@example.com" />)).toBe(
      'anne-marie<wbr/>.lefevre@<wbr/>example<wbr/>.com',
    );
    expect(renderToStaticMarkup(<BreakableEmail value="demo-admin" />)).toBe('demo-admin');
  });
});
