/**
 * The runner side of the control channel: the parent asks a running app for
 * things that are not HTTP traffic (a dump of its data, its API description)
 * over the child-process IPC channel, so nothing is added to the app's routes.
 *
 *   parent → child  { lb3ShimControl: 7, op: 'snapshot' }
 *   child → parent  { lb3ShimControl: 7, ok: true, value } | { lb3ShimControl: 7, ok: false, error }
 */
import type { ControlOp, ControlReply, ControlRequest } from '../control-protocol';

/** What a runner can answer, per operation. */
export type ControlHandlers = { [op in ControlOp]: () => unknown | Promise<unknown> };

/** Answer control requests from the parent process until it disconnects. */
export function serveControlChannel(handlers: ControlHandlers): void {
  process.on('message', (msg: unknown) => {
    const req = msg as Partial<ControlRequest> | null;
    if (!req || typeof req.lb3ShimControl !== 'number') return;
    const id = req.lb3ShimControl;
    const reply = (r: ControlReply) => process.connected && process.send!(r);
    const handler = req.op !== undefined ? handlers[req.op] : undefined;
    if (!handler) {
      reply({ lb3ShimControl: id, ok: false, error: `unknown control operation "${String(req.op)}"` });
      return;
    }
    Promise.resolve()
      .then(handler)
      .then(
        (value) => reply({ lb3ShimControl: id, ok: true, value }),
        (err) => reply({ lb3ShimControl: id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
}
