// Tokenizer for SCIM filters and PATCH paths (RFC 7644 section 3.4.2.2).
// Strings follow JSON rules (\" \\ \/ \b \f \n \r \t \uXXXX), so any unicode value round-trips.
import { ScimError } from './errors';

export type Token =
  | { kind: '(' | ')' | '[' | ']' | 'eof'; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'word'; value: string; pos: number };

const PUNCT = new Set(['(', ')', '[', ']']);
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function tokenize(text: string, fail: (detail: string) => ScimError): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: ch as '(' | ')' | '[' | ']', pos: i });
      i += 1;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw fail(`Unterminated string starting at position ${start}`);
        const c = text[i] as string;
        if (c === '"') break;
        if (c === '\\') {
          const e = text[i + 1];
          if (e === undefined) throw fail(`Unterminated escape at position ${i}`);
          if (e === 'u') {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw fail(`Invalid \\u escape at position ${i}`);
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            continue;
          }
          const simple = SIMPLE_ESCAPES[e];
          if (simple === undefined) throw fail(`Invalid escape \\${e} at position ${i}`);
          value += simple;
          i += 2;
          continue;
        }
        value += c;
        i += 1;
      }
      i += 1;
      tokens.push({ kind: 'string', value, pos: start });
    } else {
      const start = i;
      while (i < text.length) {
        const c = text[i] as string;
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || PUNCT.has(c)) break;
        i += 1;
      }
      tokens.push({ kind: 'word', value: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'eof', pos: text.length });
  return tokens;
}
