import { loadConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

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
}

export function readGatewayConfig(): GatewayConfig {
  return loadConfig(GatewayConfig, process.env);
}
