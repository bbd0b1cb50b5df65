// Every integration event type and version has a JSON Schema in libs/contracts/schemas (also referenced by the
// AsyncAPI document in docs/). Consumers validate what they receive, so a malformed message is a poison message
// parked on the DLQ instead of a half-applied effect.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntegrationEvent } from './envelope';

export const SCHEMA_DIR = join(__dirname, '..', 'schemas');

export interface ContractViolation {
  path: string;
  message: string;
}

export class ContractRegistry {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly envelope: ValidateFunction;

  constructor(schemaDir: string = SCHEMA_DIR) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    let envelope: ValidateFunction | undefined;
    for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object;
      const validate = ajv.compile(schema);
      if (file === 'envelope.v1.schema.json') envelope = validate;
      else this.validators.set(file.replace(/\.schema\.json$/, ''), validate);
    }
    if (!envelope) throw new Error(`envelope.v1.schema.json missing in ${schemaDir}`);
    this.envelope = envelope;
  }

  /** `OrganizationRegistered.v1` style keys of every known event schema. */
  knownEvents(): string[] {
    return [...this.validators.keys()].sort();
  }

  has(type: string, version: number): boolean {
    return this.validators.has(`${type}.v${version}`);
  }

  /** The envelope only (PRODUCT.md §4), whatever the type and its data. */
  validateEnvelope(event: unknown): ContractViolation[] {
    return this.envelope(event) ? [] : toViolations(this.envelope, '');
  }

  validate(event: unknown): ContractViolation[] {
    if (!this.envelope(event)) return toViolations(this.envelope, '');
    const { type, version, data } = event as IntegrationEvent;
    const validate = this.validators.get(`${type}.v${version}`);
    if (!validate) return [{ path: '/type', message: `no contract for ${type} v${version}` }];
    return validate(data) ? [] : toViolations(validate, '/data');
  }
}

function toViolations(validate: ValidateFunction, prefix: string): ContractViolation[] {
  return (validate.errors ?? []).map((e) => ({ path: `${prefix}${e.instancePath}`, message: e.message ?? e.keyword }));
}
