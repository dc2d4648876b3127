// The one browser fetch wrapper for the console's own API (app/api/*). It never
// talks to the SCIM server; route handlers do that with the admin's token.
// Every feature's client calls (lib/users, lib/audit-log) go through it.
import { SESSION_EXPIRED_MESSAGE, signInPath } from '@/lib/sign-in-url';
import type { ApiError, User } from '@/lib/users/types';

/** A failed call to the console's API, carrying the API's message and, for a 412, the fresh user. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly scimType: string | undefined;
  readonly current: User | undefined;

  constructor(status: number, message: string, extra: { requestId?: string; scimType?: string; current?: User } = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.requestId = extra.requestId;
    this.scimType = extra.scimType;
    this.current = extra.current;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/** True for 4xx answers: the request itself is wrong, so trying again cannot help. */
export function isClientError(error: unknown): boolean {
  return isApiRequestError(error) && error.status >= 400 && error.status < 500;
}

const NETWORK_MESSAGE = 'Could not reach the console. Check your connection and try again.';

let leaving = false;

/** A 401 means the session ended: go to sign-in once, coming back here afterwards. */
function sendToSignIn() {
  if (leaving || typeof window === 'undefined') return;
  leaving = true;
  const here = `${window.location.pathname}${window.location.search}`;
  // A full page load on purpose: it drops the ended session's in-memory query cache.
  window.location.assign(signInPath({ callbackUrl: here, error: 'SessionExpired' }));
}

/**
 * Sign-out has started: a 401 from now on is its own doing, so it sends nowhere (the
 * sign-out goes to its page, "You are signed out."); without this a read still in flight
 * raced it to "session expired". Returns the undo, for a sign-out that failed.
 */
export function holdSignInRedirect(): () => void {
  leaving = true;
  return () => {
    leaving = false;
  };
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** Calls the console's API; throws ApiRequestError with the API's message for anything but a 2xx. */
export async function apiRequest<T>(path: string, { method = 'GET', body, headers, signal }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        // The API refuses state changes that are not JSON.
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, NETWORK_MESSAGE);
  }

  if (response.status === 401) {
    sendToSignIn();
    throw new ApiRequestError(401, SESSION_EXPIRED_MESSAGE);
  }

  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const apiError = isApiError(payload) ? payload : undefined;
    throw new ApiRequestError(
      response.status,
      apiError?.error.message || `The console answered ${response.status} ${response.statusText}`.trim(),
      { requestId: apiError?.error.requestId, scimType: apiError?.error.scimType, current: apiError?.current },
    );
  }
  return payload as T;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}
