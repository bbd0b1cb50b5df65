import { parseImportDate } from './import-date';

describe('dates in 双公示 files', () => {
  it.each([
    ['2019-10-10', '2019-10-10'], // sample_records.jsonl line 1, CF_JDRQ
    ['20200508', '2020-05-08'], // sample_records.jsonl line 2, regDate
    ['2020年07月21日', '2020-07-21'], // sample_records.jsonl line 2, publishDate
    ['1595260800', '2020-07-21'], // sample_records.jsonl line 2, publishDateStamp: midnight CST of publishDate
    ['2020年7月1日', '2020-07-01'],
    ['2019/1/5', '2019-01-05'],
    ['2019-10-10 00:00:00', '2019-10-10'],
    ['43748', '2019-10-10'], // Excel serial day of 2019-10-10
    ['43748.5', '2019-10-10'],
    ['2024-02-29', '2024-02-29'],
  ])('%s is %s', (text, date) => {
    expect(parseImportDate(text)).toEqual({ ok: true, date });
  });

  it.each(['2019-02-30', '20191301', '2023年2月29日', 'yesterday', '10/10/2019', '', '2019-10', '1899-12-31'])(
    'refuses %j with a message naming the accepted formats or the impossible date',
    (text) => {
      const result = parseImportDate(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/YYYY-MM-DD|real calendar date/);
    },
  );
});
