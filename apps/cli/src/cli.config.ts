import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { StandaloneConfig } from '../../standalone/src/standalone.config';

/** The CLI works against the same configuration as `npm start` (DATA_DIR, DATABASE_URL, embedded PostgreSQL). */
export function readCliConfig(): StandaloneConfig {
  return loadConfig(StandaloneConfig, process.env);
}

export type { PlatformConfig };
