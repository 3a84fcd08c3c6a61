import { assertParity, assertRouteCoverage, runParity, type ParityResult, type RouteCoverageOptions, type RunParityOptions } from './parity';

/**
 * The standard parity suite of one fixture: boot it with stock LB3 and with the
 * candidate, send `options.requests` to both, and assert that every answer is
 * identical and that the list requests every REST route of both sides.
 */
export function describeParity(
  title: string,
  options: RunParityOptions & { answersTitle?: string; timeout?: number; coverage?: RouteCoverageOptions | false },
): void {
  describe(title, function () {
    this.timeout(options.timeout ?? 180000);
    let result: ParityResult;

    before(async () => {
      result = await runParity(options);
    });

    it(options.answersTitle ?? 'answers every request exactly like stock LB3', () => {
      assertParity(result);
    });

    if (options.coverage === false) return;

    it('requests every REST route of the reference app', () => {
      assertRouteCoverage(result.referenceRoutes, options.requests, options.coverage || undefined);
    });

    it('requests every REST route the candidate registered', () => {
      assertRouteCoverage(result.candidateRoutes, options.requests, options.coverage || undefined);
    });
  });
}
