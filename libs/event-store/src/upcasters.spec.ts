import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpcasterRegistry } from './upcasters';

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register({ type: 'PenaltyRecorded', fromVersion: 1, upcast: (d) => ({ ...(d as object), currency: 'CNY' }) })
    .register({
      type: 'PenaltyRecorded',
      fromVersion: 2,
      upcast: (d) => {
        const { fineWan, ...rest } = d as { fineWan: number };
        return { ...rest, fineYuan: Math.round(fineWan * 10_000) };
      },
    });

  it('chains upcasters from a stored version 1 fixture to the current version', () => {
    const stored = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'penalty-recorded.v1.json'), 'utf8')) as {
      schemaVersion: number;
      data: unknown;
    };
    expect(registry.currentVersion('PenaltyRecorded')).toBe(3);
    expect(registry.upcast('PenaltyRecorded', stored.schemaVersion, stored.data)).toEqual({
      version: 3,
      data: { decisionNumber: '市场【2019】1号', currency: 'CNY', fineYuan: 2000 },
    });
  });

  it('leaves current versions and unknown types alone', () => {
    expect(registry.upcast('PenaltyRecorded', 3, { a: 1 })).toEqual({ version: 3, data: { a: 1 } });
    expect(registry.upcast('Other', 1, { a: 1 })).toEqual({ version: 1, data: { a: 1 } });
  });

  it('refuses a gap in the chain and duplicate registrations', () => {
    const gappy = new UpcasterRegistry().register({ type: 'X', fromVersion: 2, upcast: (d) => d });
    expect(() => gappy.upcast('X', 1, {})).toThrow('no upcaster for X from version 1 to 3');
    expect(() => gappy.register({ type: 'X', fromVersion: 2, upcast: (d) => d })).toThrow('duplicate upcaster for X@2');
  });
});
