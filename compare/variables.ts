/**
 * `${var}` substitution in scenario steps. Each target has its own variables
 * (its own login token...), so one step becomes one request per target.
 */
import { getPath } from './paths';
import type { ScenarioStep } from './types';
import type { HttpRequestSpec } from './http-capture';

const VAR_RE = /\$\{([A-Za-z_][\w.-]*)\}/g;

/** Replace `${name}` in a string; unknown variables are reported through `missing` and left as is. */
export function substitute(text: string, vars: Readonly<Record<string, string>>, missing?: (name: string) => void): string {
  return text.replace(VAR_RE, (m, name: string) => {
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    missing?.(name);
    return m;
  });
}

/**
 * Substitute in every string of a JSON value. A string that is exactly one
 * `${var}` keeps the variable's JSON type when it was saved from a number
 * or boolean (`typed`), so `{ "id": "${id}" }` sends a number when id was one.
 */
export function substituteDeep(
  value: unknown,
  vars: Readonly<Record<string, string>>,
  typed: Readonly<Record<string, unknown>>,
  missing?: (name: string) => void,
): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(value);
    if (whole && Object.prototype.hasOwnProperty.call(typed, whole[1])) return typed[whole[1]];
    return substitute(value, vars, missing);
  }
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, vars, typed, missing));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = substituteDeep(v, vars, typed, missing);
    return out;
  }
  return value;
}

/** The variables of one target while a scenario runs. */
export class VariableScope {
  readonly #strings: Record<string, string>;
  readonly #typed: Record<string, unknown> = {};

  constructor(initial: Readonly<Record<string, string>> = {}) {
    this.#strings = { ...initial };
  }

  get values(): Readonly<Record<string, string>> {
    return this.#strings;
  }

  /** Build the request of `step` for this target; names of unknown variables go to `notes`. */
  requestFor(step: ScenarioStep, notes: string[]): HttpRequestSpec {
    const missing = (name: string) => {
      const note = `variable "${name}" is not set`;
      if (!notes.includes(note)) notes.push(note);
    };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.headers ?? {})) headers[k] = substitute(String(v), this.#strings, missing);
    if (step.as !== undefined) {
      if (Object.prototype.hasOwnProperty.call(this.#strings, step.as)) headers.Authorization = this.#strings[step.as];
      else missing(step.as);
    }
    return {
      method: step.method.toUpperCase(),
      path: substitute(step.path, this.#strings, missing),
      headers,
      json: step.body === undefined ? undefined : substituteDeep(step.body, this.#strings, this.#typed, missing),
      body: step.rawBody === undefined ? undefined : substitute(step.rawBody, this.#strings, missing),
      headersOnly: step.headersOnly,
    };
  }

  /** Apply the step's `save` to a raw response body; missing paths go to `notes`. */
  save(step: ScenarioStep, rawBody: string, side: string, notes: string[]): void {
    if (step.save === undefined) return;
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      notes.push(`save: the ${side} response is not JSON`);
      return;
    }
    for (const [name, dotPath] of Object.entries(step.save)) {
      const value = getPath(json, dotPath);
      if (value === undefined || value === null) {
        notes.push(`save ${name}: no value at "${dotPath}" in the ${side} response`);
        continue;
      }
      this.#strings[name] = typeof value === 'string' ? value : JSON.stringify(value);
      if (typeof value === 'number' || typeof value === 'boolean') this.#typed[name] = value;
      else delete this.#typed[name];
    }
  }
}
