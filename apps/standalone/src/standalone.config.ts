import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class StandaloneConfig extends PlatformConfig {
  /** Port of the embedded PostgreSQL started when DATABASE_URL is not set. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  EMBEDDED_POSTGRES_DATABASE = 'credit_share';
}

export function readStandaloneConfig(): StandaloneConfig {
  return loadConfig(StandaloneConfig, process.env);
}
