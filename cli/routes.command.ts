/**
 * `lb3-shim routes <app-dir> [--json]`: every REST route of the app, in LB3's
 * order per model, with the side serving it (LB3 or native), the model's
 * switch, the ACL entries that apply to its method and the remote hooks that
 * match it. Boots the app (with its migration config) without listening.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- reads the LB3 app's untyped remotes and ACL settings */
import type { Command } from 'commander';
import { createShim } from '../compat/create-shim';
import type { CliIo } from './cli-io';

/** One row of the listing. */
export interface RouteRow {
  verb: string;
  path: string;
  /** Who answers: native, LB3, or split by a ramp. */
  side: 'lb3' | 'native' | 'split';
  /** LB3 method, e.g. `Book.prototype.patchAttributes`. */
  method: string;
  /** Native route serving it (operationId). */
  native?: string;
  switch?: string;
  /** ACL entries of the model whose property matches the method, e.g. `$owner ALLOW WRITE`. */
  acl: string[];
  /** Matching remote hooks per kind. */
  hooks: { before: number; after: number; afterError: number };
}

/** Build the listing from a booted shim. */
export function routeRows(shim: {
  app: { restServer: { routes(): readonly any[] } };
  lb3App: any;
  migration?: { ownedRoutes(): Array<{ verb: string; path: string; side: 'lb3' | 'native' | 'split'; native?: string; switch?: string }> };
}): RouteRow[] {
  const owned = new Map((shim.migration?.ownedRoutes() ?? []).map((r) => [`${r.verb} ${r.path}`.toLowerCase(), r]));
  const remotes = shim.lb3App.remotes();
  const rows: RouteRow[] = [];
  const seen = new Set<string>();
  for (const route of shim.app.restServer.routes()) {
    const lb3 = route.meta?.lb3;
    if (!lb3) continue;
    const key = `${route.verb} ${route.path}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const own = owned.get(key);
    const native = route.meta?.native as { method: string; switch: string; side: RouteRow['side'] } | undefined;
    const acls: any[] = (lb3.ctor?.settings?.acls as any[]) ?? [];
    const acl = acls
      .filter(
        (a) =>
          a.property === undefined || a.property === '*' || a.property === lb3.methodName || (Array.isArray(a.property) && a.property.includes(lb3.methodName)),
      )
      .map(
        (a) =>
          `${a.principalId} ${a.permission}${a.accessType && a.accessType !== '*' ? ' ' + a.accessType : ''}${a.property && a.property !== '*' ? ' ' + a.property : ''}`,
      );
    const count = (kind: string) => (typeof remotes.listeners === 'function' ? remotes.listeners(`${kind}.${lb3.stringName}`).length : 0);
    rows.push({
      verb: route.verb,
      path: route.path,
      side: native?.side ?? own?.side ?? 'lb3',
      method: lb3.stringName,
      native: native?.method,
      switch: native?.switch ?? own?.switch,
      acl,
      hooks: { before: count('before'), after: count('after'), afterError: count('afterError') },
    });
  }
  return rows;
}

export function registerRoutesCommand(program: Command, io: CliIo): Command {
  return program
    .command('routes')
    .description('List every REST route of the app with the side serving it (LB3 / native), its ACL entries and remote hooks')
    .argument('<app-dir>', 'the LB3 application directory')
    .option('--json', 'print JSON instead of a table')
    .action(async (appDir: string, opts: { json?: boolean }) => {
      let shim;
      try {
        shim = await createShim({ appDir });
      } catch (err) {
        io.err(`lb3-shim: cannot load ${appDir}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        io.exit(1);
        return;
      }
      const rows = routeRows(shim);
      if (opts.json) io.out(JSON.stringify({ routes: rows, switches: shim.migration?.stats() ?? [] }, null, 2));
      else {
        for (const r of rows) {
          const side = r.native ? `${r.side === 'split' ? 'ramp' : r.side} (${r.native}; ${r.switch})` : r.switch ? `lb3 (${r.switch})` : 'lb3';
          const hooks = `hooks b${r.hooks.before}/a${r.hooks.after}/e${r.hooks.afterError}`;
          io.out(
            `${r.verb.toUpperCase().padEnd(7)} ${r.path.padEnd(40)} ${side.padEnd(44)} ${r.method.padEnd(40)} ${hooks}  acl: ${r.acl.join('; ') || '(none)'}`,
          );
        }
        for (const s of shim.migration?.stats() ?? []) {
          io.out(`switch ${s.model}: ${s.switch} — native ${s.native}, lb3 ${s.lb3}, shadowed ${s.shadowed}, mismatches ${s.mismatches}`);
        }
      }
      await shim.stop();
      io.exit(0);
    });
}
