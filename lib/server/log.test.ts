import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log';

describe('formatLogLine', () => {
  it('writes one JSON line and redacts credentials by key and by shape', () => {
    const line = formatLogLine('info', 'call with Bearer abc.def', {
      requestId: 'r1',
      headers: { Authorization: 'Bearer secret', accept: 'json' },
      accessToken: 'x',
      refresh_token: 'y',
      nested: [{ idToken: 'z' }],
      note: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
    });
    expect(line.includes('\n')).toBe(false);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({
      level: 'info',
      requestId: 'r1',
      headers: { Authorization: '[redacted]', accept: 'json' },
      accessToken: '[redacted]',
      refresh_token: '[redacted]',
    });
    expect(parsed.nested[0].idToken).toBe('[redacted]');
    expect(line).not.toMatch(/secret|abc\.def|eyJ/);
  });

  it('redacts a Standard Webhooks secret wherever it appears', () => {
    const line = formatLogLine('error', 'bad whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw here', { detail: 'key=whsec_c2VjcmV0c2VjcmV0+/=' });
    expect(line).not.toMatch(/MfKQ9r8|c2VjcmV0/);
    expect(JSON.parse(line).detail).toBe('key=[redacted]');
  });
});
