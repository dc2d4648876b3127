// Reading bounded JSON bodies and writing SCIM responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, invalidSyntax, ScimError } from './errors';

const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new ScimError(413, undefined, `The request body is larger than ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });

/** Reads at most `limit` bytes; past that it stops keeping chunks (and discards the rest) and fails with 413. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/json' && type !== 'application/scim+json') {
    req.resume();
    throw new ScimError(415, undefined, `Content-Type must be application/scim+json or application/json, not "${type}"`);
  }
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') throw invalidSyntax('The request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidSyntax(`The request body is not valid JSON: ${(e as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': SCIM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function sendError(res: ServerResponse, error: ScimError): void {
  sendJson(res, error.status, error.body ?? errorBody(error), error.headers);
}
