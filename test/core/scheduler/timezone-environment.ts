import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Runs one test file in the time zone its docblock names (`@timezone
 * Europe/Berlin`). The zone must be set on the real process: the `process.env`
 * a test sees is a copy, and changing TZ there does not reach the Date
 * implementation. Files run one at a time per worker, so setting it for the
 * file's lifetime and restoring it afterwards cannot leak into other files.
 */
export default class TimezoneEnvironment extends TestEnvironment {
  private readonly zone: string;
  private previous: string | undefined;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const pragma = context.docblockPragmas.timezone;
    const zone = Array.isArray(pragma) ? pragma[0] : pragma;
    if (!zone) throw new Error(`${context.testPath}: the timezone environment needs a @timezone docblock pragma`);
    this.zone = zone;
  }

  override async setup(): Promise<void> {
    this.previous = process.env.TZ;
    process.env.TZ = this.zone;
    await super.setup();
  }

  override async teardown(): Promise<void> {
    if (this.previous === undefined) delete process.env.TZ;
    else process.env.TZ = this.previous;
    await super.teardown();
  }
}
