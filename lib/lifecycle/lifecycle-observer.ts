/**
 * Something with a part in the application's life: opened on `init`/`start`,
 * closed on `stop`. Every method is optional and may return a promise.
 */
export interface LifeCycleObserver {
  init?(): unknown;
  start?(): unknown;
  stop?(): unknown;
}

/** The group observers go into when none is given. */
export const DEFAULT_LIFECYCLE_GROUP = 'default';
