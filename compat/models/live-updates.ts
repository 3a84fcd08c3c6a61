/**
 * Keeping the core in step with a running LB3 app: models added with
 * `app.model()`, `Model.remoteMethod()` and `disableRemoteMethodByName()`
 * after boot rebuild the affected routes, repositories and the spec without
 * a restart. loopback emits 'modelRemoted', 'remoteMethodAdded',
 * 'remoteMethodDisabled' and 'modelDeleted' on the app for these.
 */
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:live-updates');

export interface LiveUpdateHandlers {
  /** A shared class was added (loopback re-applies shared-method config to all models then). */
  modelRemoted(sharedClass: any): void;
  /** Methods of one class changed. */
  classChanged(sharedClass: any): void;
  /** A model was removed. */
  modelDeleted(modelOrName: unknown): void;
}

/** Subscribe to the LB3 app's change events; returns the unsubscribe function. */
export function watchLb3App(lb3App: any, handlers: LiveUpdateHandlers): () => void {
  const listeners: Record<string, (...args: any[]) => void> = {
    modelRemoted: (sc: any) => {
      debug('modelRemoted %s', sc && sc.name);
      handlers.modelRemoted(sc);
    },
    remoteMethodAdded: (sc: any) => {
      debug('remoteMethodAdded %s', sc && sc.name);
      handlers.classChanged(sc);
    },
    remoteMethodDisabled: (sc: any, name: string) => {
      debug('remoteMethodDisabled %s %s', sc && sc.name, name);
      handlers.classChanged(sc);
    },
    modelDeleted: (m: unknown) => {
      debug('modelDeleted');
      handlers.modelDeleted(m);
    },
  };
  for (const [event, fn] of Object.entries(listeners)) lb3App.on(event, fn);
  return () => {
    for (const [event, fn] of Object.entries(listeners)) lb3App.removeListener(event, fn);
  };
}
