// Configuration is read from the environment once, by one validated class per app (ARCHITECTURE.md); a bad value
// stops the process at boot with every problem listed, rather than failing later at first use.
import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export class ConfigError extends Error {}

/** Settings every process of the platform understands. */
export class PlatformConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Interface to listen on; loopback by default, 0.0.0.0 in containers. */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  /** Where local state lives: embedded PostgreSQL data, the development token key, Kafka data. */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /** An existing PostgreSQL (postgres://…); without it the standalone mode starts an embedded one. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(100)
  DATABASE_POOL_SIZE = 8;

  /** Comma-separated host:port list; set, it switches messaging to Kafka. */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_PARTITIONS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7)
  KAFKA_REPLICATION_FACTOR = 1;

  /** Retention of the topics a service creates; -1 keeps events for ever, so a consumer added later sees history. */
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  KAFKA_TOPIC_RETENTION_MS = -1;

  /** TLS to the brokers (managed Kafka). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  KAFKA_SSL = false;

  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @ValidateIf((c: PlatformConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @MinLength(1)
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((c: PlatformConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @MinLength(1)
  KAFKA_SASL_PASSWORD?: string;

  /** `dev`: the platform signs its own tokens (npx credit-share token). `oidc`: verify an external issuer's tokens. */
  @IsIn(['dev', 'oidc'])
  AUTH_MODE: 'dev' | 'oidc' = 'dev';

  @ValidateIf((c: PlatformConfig) => c.AUTH_MODE === 'oidc')
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  AUTH_JWKS_URL?: string;

  @ValidateIf((c: PlatformConfig) => c.AUTH_MODE === 'oidc')
  @IsString()
  @MinLength(1)
  AUTH_ISSUER?: string;

  @IsString()
  AUTH_AUDIENCE = 'credit-share';

  /** `oidc` only: the web console's client id at the issuer (a public client: authorization code with PKCE). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_CONSOLE_CLIENT_ID?: string;

  /** `oidc` only: the scopes the console asks for; the access token must carry `org` and `roles`. */
  @IsString()
  @MinLength(1)
  AUTH_CONSOLE_SCOPE = 'openid';

  @IsIn(['verbose', 'debug', 'log', 'warn', 'error', 'fatal'])
  LOG_LEVEL: 'verbose' | 'debug' | 'log' | 'warn' | 'error' | 'fatal' = 'log';

  @IsString()
  @MinLength(1)
  PLATFORM_NAME = '信用中心 (platform operator)';

  /** The platform operator's own USCC; the default is a synthetic, well-formed code. */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'PLATFORM_USCC must be an 18-character USCC' })
  PLATFORM_USCC = '12440300MB2C00013E';
}

export interface LoadOptions<T> {
  /** Settings that are optional in general but required for this process. */
  require?: ReadonlyArray<keyof T & string>;
}

export function loadConfig<T extends object>(type: new () => T, env: NodeJS.ProcessEnv, options: LoadOptions<T> = {}): T {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .map((m) => m.propertyName),
  );
  const plain = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== undefined && v !== ''));
  const config = plainToInstance(type, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
  for (const name of options.require ?? []) {
    if (config[name] === undefined) lines.push(`  ${name}: is required by this process`);
  }
  if (lines.length > 0) throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  return config;
}
