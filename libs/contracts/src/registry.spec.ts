import { readdirSync } from 'node:fs';
import { ContractRegistry, SCHEMA_DIR } from './registry';

const valid = {
  id: '0192f0c4-0000-7000-8000-000000000001',
  type: 'OrganizationRegistered',
  version: 1,
  occurredAt: '2026-11-26T08:00:00.000Z',
  recordedAt: '2026-11-26T08:00:00.010Z',
  subject: '11440300690000015X',
  producer: 'credit-records',
  data: {
    id: 'sz-amr',
    name: '深圳市市场监督管理局',
    type: 'government_department',
    uscc: '11440300690000015X',
    catalogueItems: ['administrative_penalty'],
    sharingClasses: ['public'],
  },
};

describe('ContractRegistry', () => {
  const registry = new ContractRegistry();

  it('knows a schema for every file in the schema directory', () => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json') && !f.startsWith('envelope'));
    expect(registry.knownEvents()).toEqual(files.map((f) => f.replace('.schema.json', '')).sort());
  });

  it('accepts a valid envelope and data', () => {
    expect(registry.validate(valid)).toEqual([]);
  });

  it('names what is wrong with the envelope or the data', () => {
    expect(registry.validate({ ...valid, producer: 'somebody' })).toEqual([
      { path: '/producer', message: 'must be equal to one of the allowed values' },
    ]);
    expect(registry.validate({ ...valid, data: { ...valid.data, uscc: 'short' } })).toEqual([
      { path: '/data/uscc', message: 'must match pattern "^[0-9A-HJ-NPQRTUWXY]{18}$"' },
    ]);
    expect(registry.validate({ ...valid, version: 9 })).toEqual([
      { path: '/type', message: 'no contract for OrganizationRegistered v9' },
    ]);
  });
});
