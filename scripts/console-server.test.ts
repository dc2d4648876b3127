import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleServerArgs } from './console-server.mjs';

describe('consoleServerArgs', () => {
  it('is what `npm start` runs, with the port added', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const args = consoleServerArgs(3000);
    expect(args.slice(-2)).toEqual(['-p', '3000']);
    expect(scripts.start).toBe(['node', ...args.slice(0, -2)].join(' '));
  });

  it('binds a host only when given one', () => {
    expect(consoleServerArgs(5400, '127.0.0.1')).toContain('-H');
    expect(consoleServerArgs(5400)).not.toContain('-H');
  });
});
