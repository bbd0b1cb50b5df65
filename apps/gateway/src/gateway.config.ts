import { loadConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsUrl(url) CREDIT_RECORDS_URL = 'http://127.0.0.1:3101';
  @IsUrl(url) JOINT_SUPERVISION_URL = 'http://127.0.0.1:3102';
  @IsUrl(url) ENFORCEMENT_COORDINATION_URL = 'http://127.0.0.1:3103';
  @IsUrl(url) CREDIT_PROFILES_URL = 'http://127.0.0.1:3104';
  @IsUrl(url) AUDIT_LEDGER_URL = 'http://127.0.0.1:3105';

  // The console served at `/` needs to know how users sign in; the same values as the services' (PlatformConfig).
  @IsIn(['dev', 'oidc'])
  AUTH_MODE: 'dev' | 'oidc' = 'dev';

  @ValidateIf((c: GatewayConfig) => c.AUTH_MODE === 'oidc')
  @IsString()
  @MinLength(1)
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_CONSOLE_CLIENT_ID?: string;

  @IsString()
  @MinLength(1)
  AUTH_CONSOLE_SCOPE = 'openid';
}

export function readGatewayConfig(): GatewayConfig {
  return loadConfig(GatewayConfig, process.env);
}
