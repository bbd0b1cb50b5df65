import { loadConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** `npm run cluster`: where the local distributed mode puts its data and which ports it uses. */
export class ClusterConfig {
  /** The gateway's port: the one URL of the platform. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Services listen on SERVICE_BASE_PORT + 1 … + 5. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65000)
  SERVICE_BASE_PORT = 3100;

  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//)
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  EMBEDDED_POSTGRES_PORT = 54330;

  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
  KAFKA_BROKERS?: string;

  @Type(() => Number)
  @IsInt()
  KAFKA_PORT = 19092;

  @Type(() => Number)
  @IsInt()
  KAFKA_CONTROLLER_PORT = 19093;

  @IsIn(['verbose', 'debug', 'log', 'warn', 'error', 'fatal'])
  LOG_LEVEL = 'log';
}

export function readClusterConfig(): ClusterConfig {
  return loadConfig(ClusterConfig, process.env);
}
