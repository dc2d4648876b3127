import { ScimError } from './errors';

/** Runs `fn` and returns the ScimError it throws; fails the test if it throws nothing or something else. */
export function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}
