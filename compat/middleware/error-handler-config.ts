/**
 * strong-error-handler settings of an LB3 app, read from its middleware
 * config (`server/middleware.json` merged with `middleware.<env>.json`, env =
 * NODE_ENV or 'development' as loopback-boot does), so the core ErrorWriter
 * answers exactly like the app's own error handler.
 */
import * as fs from 'fs';
import * as path from 'path';
import debugFactory from 'debug';
import type { StrongErrorHandlerOptions } from './strong-error.writer';

const debug = debugFactory('lb3-shim:compat:error-handler-config');

/** The `params` of the app's strong-error-handler middleware ({} when not configured). */
export function readErrorHandlerConfig(appDir: string | undefined, env = process.env.NODE_ENV || 'development'): StrongErrorHandlerOptions {
  if (!appDir) return {};
  const dir = path.join(appDir, 'server');
  const base = findParams(readJson(path.join(dir, 'middleware.json')));
  const overlay = findParams(readJson(path.join(dir, `middleware.${env}.json`)));
  const params = { ...(base ?? {}), ...(overlay ?? {}) } as StrongErrorHandlerOptions;
  debug('strong-error-handler params for env %s: %j', env, params);
  return params;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `params` of the first `strong-error-handler` entry in any phase. */
function findParams(config: unknown): Record<string, unknown> | undefined {
  if (!config || typeof config !== 'object') return undefined;
  for (const phase of Object.values(config as Record<string, unknown>)) {
    if (!phase || typeof phase !== 'object') continue;
    for (const [name, entry] of Object.entries(phase as Record<string, unknown>)) {
      if (name === 'strong-error-handler' || name.startsWith('strong-error-handler#')) {
        const e = entry as { params?: Record<string, unknown> } | undefined;
        return { ...(e?.params ?? {}) };
      }
    }
  }
  return undefined;
}
