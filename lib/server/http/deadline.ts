// A deadline for one outbound call (SCIM, webhooks), its timer cleared the moment
// the call settles. Not AbortSignal.timeout: that timer lives its full length
// whatever happens, and it keeps the async context it was created in, which in
// a route handler is the whole request and response: after about 2,800 list
// reads a heap snapshot held 2,229 finished requests, and RSS passed 600 MB
// (docs/decisions/0061-console-heap-limit.md).

/** Runs `call` with a signal that aborts with a `TimeoutError` after `ms`. */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError')), ms);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
