import 'server-only';
// next-auth's own routes (/api/auth/*), closed where they need not be open:
// `POST /api/auth/_log` accepts unauthenticated log lines of any size once a
// custom logger is set (log forging, disk filling), so it answers 404; every
// body is capped at 16 kB, like the console's own API.

import { NextRequest } from 'next/server';
import { readCappedText } from '@/lib/server/http/read-capped';
import { MAX_BODY_BYTES } from './handler';

type AuthContext = { params: Promise<{ nextauth?: string[] }> };
type AuthHandler = (request: NextRequest, context: AuthContext) => Promise<Response>;

const problem = (status: number, message: string) => Response.json({ error: { status, message } }, { status });

export function guardedAuthRoute(handler: AuthHandler): AuthHandler {
  return async (request, context) => {
    const { nextauth = [] } = await context.params;
    if (nextauth[0] === '_log') return problem(404, 'Not found.');
    if (request.method !== 'POST') return handler(request, context);
    const tooLarge = `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return problem(413, tooLarge);
    const text = await readCappedText(request.body, MAX_BODY_BYTES);
    if (text === null) return problem(413, tooLarge);
    // next-auth reads the body itself: hand it the capped copy.
    return handler(new NextRequest(request.url, { method: 'POST', headers: request.headers, body: text }), context);
  };
}
