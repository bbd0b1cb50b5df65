import fc from 'fast-check';
import { wanYuanToYuan } from './amount';

describe('fines in 万元 → yuan, exactly', () => {
  it.each([
    ['0.2', 2000], // sample_records.jsonl line 1: 罚款2000元 is CF_NR_FK 0.2
    ['0.1', 1000],
    ['0.3', 3000],
    ['1', 10_000],
    ['12.5', 125_000],
    ['0.000001', 0.01],
    ['1,234.56', 12_345_600],
    ['2E-1', 2000],
    ['0.30000000000000004', 3000], // a spreadsheet binary float
    ['.5', 5000],
    ['0', 0],
    [' 3 ', 30_000],
  ])('%s 万元 is %d yuan', (text, yuan) => {
    expect(wanYuanToYuan(text)).toEqual({ ok: true, yuan });
  });

  it('rounds half up to the fen', () => {
    expect(wanYuanToYuan('0.0000005')).toEqual({ ok: true, yuan: 0.01 });
    expect(wanYuanToYuan('0.0000004')).toEqual({ ok: true, yuan: 0 });
  });

  it.each([
    ['abc', 'FORMAT'],
    ['', 'FORMAT'],
    ['1.2.3', 'FORMAT'],
    ['2000元', 'FORMAT'],
    ['-1', 'NEGATIVE'],
    ['1e300', 'TOO_LARGE'],
    ['99999999999999999', 'TOO_LARGE'],
  ])('refuses %j with %s', (text, code) => {
    expect(wanYuanToYuan(text)).toMatchObject({ ok: false, code });
  });

  it('agrees with integer arithmetic for every amount with up to six decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        const micro = String(fen).padStart(7, '0');
        const text = `${micro.slice(0, -6)}.${micro.slice(-6)}`; // fen / 10^6 万元
        const result = wanYuanToYuan(text);
        expect(result).toEqual({ ok: true, yuan: Math.floor(fen / 100) + (fen % 100) / 100 });
        expect(result.ok && result.yuan.toFixed(2)).toBe((fen / 100).toFixed(2));
      }),
    );
  });
});
