/** The messages of the control channel between `compare` and its runner processes (see runners/control-channel.ts). */

/** `snapshot`: every row of the app's data ({@link DataSnapshot}); `spec`: the LB3 app's OpenAPI 3 document. */
export type ControlOp = 'snapshot' | 'spec';

export interface ControlRequest {
  lb3ShimControl: number;
  op: ControlOp;
}

export type ControlReply = { lb3ShimControl: number; ok: true; value: unknown } | { lb3ShimControl: number; ok: false; error: string };

/** True for a control reply (the runner's other message is its `{ port, routes }` announcement). */
export function isControlReply(msg: unknown): msg is ControlReply {
  return !!msg && typeof (msg as ControlReply).lb3ShimControl === 'number';
}
