// One JSON object per line, so logs can be grepped and shipped as they are.
// Anything that could be a credential is replaced before it is written.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SECRET_KEY = /token|authorization|password|secret|cookie|credential/i;
// Bearer values, JWT-shaped strings and Standard Webhooks secrets, wherever they hide inside a message.
const SECRET_VALUE = [/Bearer\s+[^\s"',]+/gi, /eyJ[\w-]+\.[\w-]+\.[\w-]*/g, /whsec_[A-Za-z0-9+/=]+/g];

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return SECRET_VALUE.reduce((s, re) => s.replace(re, '[redacted]'), value);
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]));
  }
  return value;
}

export function formatLogLine(level: Level, msg: string, fields: Fields = {}): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(redact(fields) as Fields) });
}

function write(level: Level, msg: string, fields?: Fields) {
  const line = formatLogLine(level, msg, fields);
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
