/** Test configuration: the defaults with some values changed, job settings by kind and by field. */
import { loadConfig, type Config } from '../../src-main/config';
import type { JobSettings } from '../../src-main/jobs/job-settings';

/** Changes to a Config; each kind's job settings are changed field by field, the rest kept. */
export type ConfigOverrides = Partial<Omit<Config, 'jobs'>> & {
  jobs?: { [Kind in keyof JobSettings]?: Partial<JobSettings[Kind]> };
};

/** `base` with `overrides` applied. */
export function withOverrides(base: Config, overrides: ConfigOverrides): Config {
  const { jobs = {}, ...rest } = overrides;
  return {
    ...base,
    ...rest,
    jobs: {
      scan: { ...base.jobs.scan, ...jobs.scan },
      transfer: { ...base.jobs.transfer, ...jobs.transfer },
      verify: { ...base.jobs.verify, ...jobs.verify },
      watch: { ...base.jobs.watch, ...jobs.watch },
    },
  };
}

/** The defaults (no environment) with `overrides`. */
export function testConfig(overrides: ConfigOverrides = {}): Config {
  return withOverrides(loadConfig({}), overrides);
}
