/** Entry point of the `lb3-shim` command (bin/lb3-shim requires the compiled file). */
import { exitRequested } from './cli-io';
import { run } from './program';

run(process.argv).catch((err) => {
  // a usage error already chose its exit code (commander's exitOverride throws after io.exit)
  if (exitRequested()) return;
  process.stderr.write(`lb3-shim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
