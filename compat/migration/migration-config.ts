/**
 * Which models of an LB3 app are served natively, and how traffic is split —
 * the one place an app states it (docs/migration.md):
 *
 *   <app>/lb3-shim.json   { "migrated": "migrated", "models": { "Book": "native" } }
 *   LB3_SHIM_CONFIG       another config file instead of <app>/lb3-shim.json
 *   LB3_SHIM_MODELS       per-model overrides without touching files:
 *                         "Book=native,Author=lb3,Review=ramp:10:seed"
 *
 * A switch is `native`, `lb3` (rollback), `native+shadow` (native answers,
 * LB3 re-runs reads and they are compared), `lb3+shadow` (LB3 answers,
 * native runs in shadow) or `ramp:<percent>[:<seed>]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:migration-config');

/** Who answers a native-capable route. */
export type PrimarySide = 'native' | 'lb3';

/** The traffic switch of one model. */
export interface ModelSwitch {
  /** Side answering requests (ramp: chosen per request). */
  primary: PrimarySide;
  /** Re-run reads (GET/HEAD) on the other side and count mismatches. */
  shadow: boolean;
  /** 0..100: percent of requests sent to native (only with `ramp`). */
  percent?: number;
  /** Seed of the ramp's deterministic choice sequence. */
  seed?: string;
  /** The switch as written, for `routes` and logs. */
  label: string;
}

export interface MigrationConfig {
  /** Absolute folder of the model modules' index (`<app>/migrated` by default). */
  migratedDir: string;
  /** Models with a switch; only these load from the index. */
  models: Map<string, ModelSwitch>;
  /** Where the config came from (file path and/or env), for messages. */
  source: string;
}

/** A malformed switch or config file, naming where it was written. */
export class MigrationConfigError extends Error {
  readonly code = 'MIGRATION_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationConfigError';
  }
}

/** Parse one switch (`native`, `lb3`, `native+shadow`, `lb3+shadow`, `ramp:10[:seed]`). */
export function parseSwitch(text: string, where: string): ModelSwitch {
  const label = text.trim();
  const ramp = /^ramp:(\d+(?:\.\d+)?)(?::(.+))?$/.exec(label);
  if (ramp) {
    const percent = Number(ramp[1]);
    if (percent > 100) throw new MigrationConfigError(`${where}: ramp percent must be 0..100, got ${ramp[1]}`);
    return { primary: 'lb3', shadow: false, percent, seed: ramp[2] ?? 'lb3-shim', label };
  }
  const m = /^(native|lb3)(\+shadow)?$/.exec(label);
  if (!m) throw new MigrationConfigError(`${where}: unknown switch "${text}" (native, lb3, native+shadow, lb3+shadow, ramp:<percent>[:<seed>])`);
  return { primary: m[1] as PrimarySide, shadow: !!m[2], label };
}

/** Parse `LB3_SHIM_MODELS` ("Book=native,Author=ramp:10"). */
export function parseModelsEnv(value: string): Map<string, ModelSwitch> {
  const out = new Map<string, ModelSwitch>();
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const sw = eq < 0 ? 'native' : part.slice(eq + 1);
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new MigrationConfigError(`LB3_SHIM_MODELS: "${part}" does not start with a model name`);
    out.set(name, parseSwitch(sw, `LB3_SHIM_MODELS (${name})`));
  }
  return out;
}

/** Read the migration config of an app (file, then env overrides). Undefined when nothing is native. */
export function readMigrationConfig(appDir: string | undefined, env: NodeJS.ProcessEnv = process.env): MigrationConfig | undefined {
  const base = appDir ?? process.cwd();
  const file = env.LB3_SHIM_CONFIG ? path.resolve(env.LB3_SHIM_CONFIG) : path.join(base, 'lb3-shim.json');
  const models = new Map<string, ModelSwitch>();
  let migrated = 'migrated';
  const sources: string[] = [];
  if (fs.existsSync(file)) {
    let raw: { migrated?: unknown; models?: unknown };
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new MigrationConfigError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    if (raw.migrated !== undefined) {
      if (typeof raw.migrated !== 'string') throw new MigrationConfigError(`${file}: "migrated" must be a folder path`);
      migrated = raw.migrated;
    }
    if (raw.models !== undefined) {
      if (!raw.models || typeof raw.models !== 'object') throw new MigrationConfigError(`${file}: "models" must map model names to switches`);
      for (const [name, sw] of Object.entries(raw.models as Record<string, unknown>)) {
        if (typeof sw !== 'string') throw new MigrationConfigError(`${file}: models.${name} must be a string such as "native"`);
        models.set(name, parseSwitch(sw, `${file} (models.${name})`));
      }
    }
    sources.push(file);
  }
  if (env.LB3_SHIM_MODELS) {
    for (const [name, sw] of parseModelsEnv(env.LB3_SHIM_MODELS)) models.set(name, sw);
    sources.push('LB3_SHIM_MODELS');
  }
  if (models.size === 0) return undefined;
  const migratedDir = path.resolve(path.dirname(fs.existsSync(file) ? file : path.join(base, 'x')), migrated);
  debug('native models %j from %s (index in %s)', [...models.keys()], sources.join(' + '), migratedDir);
  return { migratedDir, models, source: sources.join(' + ') };
}
