import { assertParity, assertRouteCoverage, runParity, type CapturedResponse, type ParityRequest, type ParityResult, type RunParityOptions } from './parity';
import { requirePostgres } from './postgres';

/** The environment variable a fixture's `server/datasources.local.js` reads to run its `db` datasource on PostgreSQL. */
export const PG_URL_ENV = 'LB3_SHIM_TEST_PG_URL';

/**
 * The standard parity suite of one fixture on PostgreSQL: stock LB3 and the
 * candidate each get their own fresh database (`<database>_stock`,
 * `<database>_shim`) in the test run's cluster, the fixture automigrates and
 * seeds it at boot, and every answer must be identical. Skipped loudly (failed
 * with CI=true) when PostgreSQL cannot run here.
 */
export function describePgParity(
  title: string,
  options: Omit<RunParityOptions, 'referenceEnv' | 'requests'> & {
    database: string;
    timeout?: number;
    /** The request list, or a function building it (e.g. from the stock app's routes). */
    requests: ParityRequest[] | (() => Promise<ParityRequest[]>);
    /** Also require every route the candidate registered to be requested (default true). */
    candidateCoverage?: boolean;
  },
): void {
  describe(title, function () {
    this.timeout(options.timeout ?? 240000);
    let result: ParityResult;
    let requests: ParityRequest[];

    before(async function () {
      const pg = await requirePostgres(this);
      const stockDb = `${options.database}_stock`;
      const shimDb = `${options.database}_shim`;
      await pg.freshDatabase(stockDb);
      await pg.freshDatabase(shimDb);
      const normalize = (res: CapturedResponse, req: ParityRequest) => sortValidationDetails(options.normalize ? options.normalize(res, req) : res);
      requests = typeof options.requests === 'function' ? await options.requests() : options.requests;
      result = await runParity({
        ...options,
        requests,
        normalize,
        referenceEnv: { [PG_URL_ENV]: pg.url(stockDb) },
        candidateEnv: { ...options.candidateEnv, [PG_URL_ENV]: pg.url(shimDb) },
      });
    });

    it('answers every request exactly like stock LB3 on PostgreSQL', () => {
      assertParity(result);
    });

    it('requests every REST route of the reference app', () => {
      assertRouteCoverage(result.referenceRoutes, requests);
    });

    if (options.candidateCoverage !== false) {
      it('requests every REST route the candidate registered', () => {
        assertRouteCoverage(result.candidateRoutes, requests);
      });
    }
  });
}

/**
 * A ValidationError's asynchronous checks (`uniqueness` of username and email)
 * query the database concurrently: on PostgreSQL they finish in any order, in
 * stock LB3 as in the shim, and the message lists them in completion order.
 * Compare them sorted.
 */
export function sortValidationDetails(res: CapturedResponse): CapturedResponse {
  const err = (res.body as { error?: any } | undefined)?.error;
  if (!err || err.name !== 'ValidationError' || typeof err.message !== 'string') return res;
  const at = err.message.indexOf('Details: ');
  const message =
    at < 0
      ? err.message
      : err.message.slice(0, at + 9) +
        err.message
          .slice(at + 9)
          .replace(/\.$/, '')
          .split('; ')
          .sort()
          .join('; ') +
        '.';
  const sortKeys = (o: unknown) => (o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) : o);
  const details = err.details ? { ...err.details, codes: sortKeys(err.details.codes), messages: sortKeys(err.details.messages) } : err.details;
  return { ...res, body: { ...(res.body as object), error: { ...err, message, details } } };
}

/** An array body to a create runs its inserts concurrently (ids in any order on a real database): send the items one by one. */
export function oneCreatePerItem(requests: readonly ParityRequest[]): ParityRequest[] {
  return requests.flatMap((r) =>
    r.method === 'POST' && Array.isArray(r.json) ? r.json.map((item) => ({ ...r, json: item, note: 'array create sent item by item on PostgreSQL' })) : [r],
  );
}
