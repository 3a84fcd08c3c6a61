/**
 * The strong-remoting REST semantics compat routes are built from (argument
 * extraction, result shaping and writing, error status), gathered in one
 * object so that route building can be unit-tested with fakes. The real
 * implementations live in compat/remoting/.
 */
import type { ArgsExtractor, ArgsExtractorOptions } from './args-extractor';
import type { ResultWriterOptions } from './result-writer';
import type { Lb3Accept, Lb3Return, ResponseLike } from './types';
import type { RequestContext } from '../../lib/rest/types';

export type { ArgsExtractor, ArgsExtractorOptions } from './args-extractor';

/** The four builders of compat/remoting (argument extractor, result shaper, result writer, error status). */
export interface RemotingKit {
  buildArgsExtractor(accepts: Lb3Accept[], options?: ArgsExtractorOptions): ArgsExtractor;
  buildResultShaper(returns: Lb3Return[]): (values: unknown, fromPromise: boolean, res?: ResponseLike) => unknown;
  buildResultWriter(
    method: { returns: Lb3Return[]; http?: { status?: number } },
    options?: ResultWriterOptions,
  ): (ctx: RequestContext, result: unknown) => void;
  applyErrorStatus(err: unknown, errorStatus?: number): unknown;
}

let defaultKit: RemotingKit | undefined;

/** The real kit from compat/remoting, with the app's own strong-remoting (its XML renderer) when its directory is given. */
export function defaultRemotingKit(opts: { strongRemotingDir?: string } = {}): RemotingKit {
  if (opts.strongRemotingDir) {
    const kit = defaultRemotingKit();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const renderXml = require('./xml-renderer').xmlRendererFor(opts.strongRemotingDir);
    return { ...kit, buildResultWriter: (method, options) => kit.buildResultWriter(method, { ...options, renderXml }) };
  }
  if (!defaultKit) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    defaultKit = {
      buildArgsExtractor: require('./args-extractor').buildArgsExtractor,
      buildResultShaper: require('./result-shaper').buildResultShaper,
      buildResultWriter: require('./result-writer').buildResultWriter,
      applyErrorStatus: require('./error-status').applyErrorStatus,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return defaultKit;
}
