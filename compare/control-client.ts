/** The parent side of the control channel: one request at a time per op, answered by the runner over IPC. */
import type { ChildProcess } from 'child_process';
import { isControlReply, type ControlOp } from './control-protocol';

export class ControlClient {
  readonly #child: ChildProcess;
  readonly #label: string;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #next = 1;

  constructor(child: ChildProcess, label: string) {
    this.#child = child;
    this.#label = label;
    child.on('message', (msg) => {
      if (!isControlReply(msg)) return;
      const waiter = this.#pending.get(msg.lb3ShimControl);
      if (!waiter) return;
      this.#pending.delete(msg.lb3ShimControl);
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(new Error(`${this.#label}: ${msg.error}`));
    });
    child.once('exit', () => {
      for (const w of this.#pending.values()) w.reject(new Error(`${this.#label} exited before answering a control request`));
      this.#pending.clear();
    });
  }

  /** Ask the runner; rejects when it fails, exits, or does not answer within `timeoutMs`. */
  request<T>(op: ControlOp, timeoutMs = 30000): Promise<T> {
    if (!this.#child.connected) return Promise.reject(new Error(`${this.#label} is not running`));
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.#label} did not answer "${op}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.#child.send({ lb3ShimControl: id, op });
    });
  }
}
