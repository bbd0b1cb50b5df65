import { acceptanceRate, qualityRows, rejectionsByCode } from './data-quality';

describe('data-quality figures', () => {
  it('reads an array, a {providers} envelope or a single provider', () => {
    const provider = {
      org: 'sz-amr',
      accepted: 8,
      rejected: 2,
      rejectedByCode: { CHECKSUM: 1, IS_NOT_EMPTY: 1 },
      timeliness: { onTime: 7, late: 1 },
    };
    const expected = {
      org: 'sz-amr',
      accepted: 8,
      rejected: 2,
      byCode: [
        { code: 'CHECKSUM', count: 1 },
        { code: 'IS_NOT_EMPTY', count: 1 },
      ],
      onTime: 7,
      late: 1,
    };
    expect(qualityRows([provider])).toEqual([expected]);
    expect(qualityRows({ providers: [provider] })).toEqual([expected]);
    expect(qualityRows(provider)).toEqual([expected]);
    expect(qualityRows({ org: 'x', accepted: 1, rejected: 0, byCode: [{ code: 'LENGTH', count: 3 }] })[0]!.byCode).toEqual([
      { code: 'LENGTH', count: 3 },
    ]);
  });

  it('counts as late what was measured and not on time', () => {
    expect(
      qualityRows({
        providers: [{ org: 'a', accepted: 1, rejected: 0, rejectionsByCode: {}, timeliness: { measured: 5, onTime: 3 } }],
      }),
    ).toEqual([{ org: 'a', accepted: 1, rejected: 0, byCode: [], onTime: 3, late: 2 }]);
  });

  it('totals the rejections by code, most frequent first, and the acceptance rate', () => {
    const rows = qualityRows([
      { org: 'a', accepted: 3, rejected: 1, rejectedByCode: { CHECKSUM: 1 } },
      { org: 'b', accepted: 0, rejected: 3, rejectedByCode: { CHECKSUM: 1, LENGTH: 2 } },
    ]);
    expect(rejectionsByCode(rows)).toEqual([
      { code: 'CHECKSUM', count: 2 },
      { code: 'LENGTH', count: 2 },
    ]);
    expect(acceptanceRate(rows[0]!)).toBe(0.75);
    expect(acceptanceRate({ org: 'c', accepted: 0, rejected: 0, byCode: [] })).toBeUndefined();
  });
});
