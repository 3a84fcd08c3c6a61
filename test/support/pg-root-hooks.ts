/**
 * Mocha root hooks (loaded by .mocharc.json): stop the test run's PostgreSQL
 * cluster after the last test, when a suite started one (test/support/postgres.ts).
 */
import { stopTestPostgres } from './postgres';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30000);
    await stopTestPostgres();
  },
};
