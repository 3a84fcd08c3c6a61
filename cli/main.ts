/** Entry point of the `lb3-shim` command (bin/lb3-shim requires the compiled file). */
import { run } from './program';

run(process.argv).catch((err) => {
  process.stderr.write(`lb3-shim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
