// A deadline for one outbound call (SCIM, webhooks), its timer cleared the moment
// the call settles. Not AbortSignal.timeout: that timer lives its full length
// whatever happens, and it keeps the async context it was created in, which in
// a route handler is the whole request and response. At 150 requests/s and a
// 10 s SCIM_TIMEOUT_MS that held some 1,500 finished requests, over 600 MB
// (README "Speed").

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
