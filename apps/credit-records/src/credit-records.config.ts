// credit-records' settings (docs/configuration.md): the keys that protect natural persons' identifiers, mixed into
// every configuration class of a process that runs credit-records (its own process, the standalone platform, the CLI).
import { DistributedServiceConfig, loadConfig, type PlatformConfig } from '@credit-share/bootstrap';
import { Matches, ValidateIf } from 'class-validator';
import { resolve } from 'node:path';
import { withRecordImportSettings } from './import/record-import.config';
import { withObjectionRepairSettings } from './objection/objection-repair.config';
import { decodeKey, loadOrCreateDevPersonKeys, type PersonKeys } from './subject/person-keys';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=?$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type ConfigClass = new (...args: any[]) => PlatformConfig;

export function withPersonKeySettings<TBase extends ConfigClass>(Base: TBase) {
  class WithPersonKeySettings extends Base {
    /**
     * AES-256 key (32 bytes, base64) encrypting natural persons' resident ID numbers (secret). Required with
     * AUTH_MODE=oidc (production); in development a key is generated under DATA_DIR/credit-records.
     */
    @ValidateIf(
      (c: PlatformConfig & { PERSON_ID_ENCRYPTION_KEY?: string }) =>
        c.AUTH_MODE === 'oidc' || c.PERSON_ID_ENCRYPTION_KEY !== undefined,
    )
    @Matches(BASE64_32_BYTES, { message: 'PERSON_ID_ENCRYPTION_KEY must be 32 bytes, base64 (required with AUTH_MODE=oidc)' })
    PERSON_ID_ENCRYPTION_KEY?: string;

    /** HMAC key (32 bytes, base64, distinct from the encryption key) deriving the lookup token of a person (secret). */
    @ValidateIf(
      (c: PlatformConfig & { PERSON_ID_LOOKUP_KEY?: string }) => c.AUTH_MODE === 'oidc' || c.PERSON_ID_LOOKUP_KEY !== undefined,
    )
    @Matches(BASE64_32_BYTES, { message: 'PERSON_ID_LOOKUP_KEY must be 32 bytes, base64 (required with AUTH_MODE=oidc)' })
    PERSON_ID_LOOKUP_KEY?: string;
  }
  return WithPersonKeySettings;
}

/** credit-records as its own process (distributed mode): the platform settings, person keys, file import and the time limits of objections and repairs. */
export class CreditRecordsConfig extends withObjectionRepairSettings(
  withRecordImportSettings(withPersonKeySettings(DistributedServiceConfig)),
) {}

export function readCreditRecordsConfig(): CreditRecordsConfig {
  return loadConfig(CreditRecordsConfig, process.env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
}

/** The person keys of a configuration: both configured, or development keys kept under DATA_DIR. */
export function personKeysOf(
  config: PlatformConfig & { PERSON_ID_ENCRYPTION_KEY?: string; PERSON_ID_LOOKUP_KEY?: string },
): PersonKeys {
  if (config.PERSON_ID_ENCRYPTION_KEY && config.PERSON_ID_LOOKUP_KEY) {
    const keys = {
      encryptionKey: decodeKey('PERSON_ID_ENCRYPTION_KEY', config.PERSON_ID_ENCRYPTION_KEY),
      lookupKey: decodeKey('PERSON_ID_LOOKUP_KEY', config.PERSON_ID_LOOKUP_KEY),
    };
    if (Buffer.from(keys.encryptionKey).equals(Buffer.from(keys.lookupKey))) {
      throw new Error('PERSON_ID_ENCRYPTION_KEY and PERSON_ID_LOOKUP_KEY must differ');
    }
    return keys;
  }
  if (config.PERSON_ID_ENCRYPTION_KEY || config.PERSON_ID_LOOKUP_KEY) {
    throw new Error('set both PERSON_ID_ENCRYPTION_KEY and PERSON_ID_LOOKUP_KEY, or neither (development keys under DATA_DIR)');
  }
  if (config.AUTH_MODE === 'oidc')
    throw new Error('PERSON_ID_ENCRYPTION_KEY and PERSON_ID_LOOKUP_KEY are required with AUTH_MODE=oidc');
  return loadOrCreateDevPersonKeys(resolve(config.DATA_DIR));
}
