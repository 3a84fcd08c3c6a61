/**
 * Loading and checking scenario files (JSON, or YAML by extension).
 * Errors name the file and the offending step/field, so a typo in a long
 * recorded scenario is found without reading the loader.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { compilePatterns } from './paths';
import type { Scenario, ScenarioStep } from './types';

/** A scenario file that cannot be read or is malformed. */
export class ScenarioError extends Error {
  readonly code = 'INVALID_SCENARIO';
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const STEP_KEYS = new Set(['name', 'method', 'path', 'headers', 'body', 'rawBody', 'as', 'save', 'ignore', 'headersOnly']);
const VAR_NAME = /^[A-Za-z_][\w.-]*$/;

/** Read a scenario file: `.yaml`/`.yml` as YAML, anything else as JSON. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(`cannot read scenario ${file}: ${(err as Error).message}`);
  }
  const format = /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
  return parseScenario(text, { format, source: path.relative(process.cwd(), file) || file });
}

/** Parse and validate scenario text. */
export function parseScenario(text: string, opts: { format?: 'json' | 'yaml'; source?: string } = {}): Scenario {
  const source = opts.source ?? '<scenario>';
  let data: unknown;
  try {
    data = opts.format === 'yaml' ? yaml.load(text) : JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(`${source}: not valid ${opts.format === 'yaml' ? 'YAML' : 'JSON'}: ${(err as Error).message.split('\n')[0]}`);
  }
  return validateScenario(data, source);
}

/** Check the shape of a parsed scenario and fill in step names. */
export function validateScenario(data: unknown, source = '<scenario>'): Scenario {
  const fail = (msg: string): never => {
    throw new ScenarioError(`${source}: ${msg}`);
  };
  if (!isObject(data)) return fail('must be an object with a "steps" array');
  if (!Array.isArray(data.steps)) return fail('"steps" must be an array');
  const steps = data.steps.map((raw: unknown, i: number) => validateStep(raw, `steps[${i}]`, fail));
  let ignore: string[] | undefined;
  if (data.ignore !== undefined) {
    if (!Array.isArray(data.ignore)) fail('"ignore" must be an array of paths');
    try {
      compilePatterns(data.ignore as string[]);
    } catch (err) {
      fail((err as Error).message);
    }
    ignore = data.ignore as string[];
  }
  let vars: Record<string, string> | undefined;
  if (data.vars !== undefined) {
    if (!isObject(data.vars)) fail('"vars" must be an object of strings');
    vars = {};
    for (const [k, v] of Object.entries(data.vars as Record<string, unknown>)) {
      if (!VAR_NAME.test(k)) fail(`vars: "${k}" is not a valid variable name`);
      vars[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return { source, steps, ignore, vars };
}

function validateStep(raw: unknown, where: string, fail: (msg: string) => never): ScenarioStep {
  if (!isObject(raw)) return fail(`${where} must be an object`);
  for (const key of Object.keys(raw)) if (!STEP_KEYS.has(key)) fail(`${where}: unknown field "${key}" (allowed: ${[...STEP_KEYS].join(', ')})`);
  const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : fail(`${where}: "method" must be a string`);
  if (!METHODS.has(method)) fail(`${where}: unsupported method "${raw.method}"`);
  if (typeof raw.path !== 'string' || !raw.path.startsWith('/')) fail(`${where}: "path" must be a string starting with "/"`);
  const step: ScenarioStep = { name: '', method, path: raw.path as string };
  const at = `${where} (${method} ${raw.path})`;
  if (raw.name !== undefined && typeof raw.name !== 'string') fail(`${at}: "name" must be a string`);
  step.name = (raw.name as string | undefined) ?? `${method} ${raw.path}`;
  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) fail(`${at}: "headers" must be an object`);
    step.headers = {};
    for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number') fail(`${at}: header "${k}" must be a string`);
      step.headers[k] = String(v);
    }
  }
  if (raw.body !== undefined && raw.rawBody !== undefined) fail(`${at}: use either "body" or "rawBody", not both`);
  if (raw.body !== undefined) step.body = raw.body;
  if (raw.rawBody !== undefined) {
    if (typeof raw.rawBody !== 'string') fail(`${at}: "rawBody" must be a string`);
    step.rawBody = raw.rawBody as string;
  }
  if (raw.as !== undefined) {
    if (typeof raw.as !== 'string' || !VAR_NAME.test(raw.as)) fail(`${at}: "as" must be a variable name`);
    step.as = raw.as as string;
  }
  if (raw.save !== undefined) {
    if (!isObject(raw.save)) fail(`${at}: "save" must be an object { "var": "dot.path" }`);
    step.save = {};
    for (const [k, v] of Object.entries(raw.save as Record<string, unknown>)) {
      if (!VAR_NAME.test(k)) fail(`${at}: save: "${k}" is not a valid variable name`);
      if (typeof v !== 'string') fail(`${at}: save.${k} must be a dot path string`);
      step.save[k] = v as string;
    }
  }
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore)) fail(`${at}: "ignore" must be an array of paths`);
    try {
      compilePatterns(raw.ignore as string[], `${at}: ignore`);
    } catch (err) {
      fail((err as Error).message);
    }
    step.ignore = raw.ignore as string[];
  }
  if (raw.headersOnly !== undefined) step.headersOnly = raw.headersOnly === true;
  return step;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
