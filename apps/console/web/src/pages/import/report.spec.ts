import { errorsCsv, parseCsv, rejectedRowsCsv, toCsv, type SubmissionReport } from './report';

const FILE =
  '\uFEFFCF_XDR_MC,CF_XDR_SHXYM,CF_WSH,CF_NR\r\n' +
  '甲公司,91440300MA5FXT4K8N,罚〔2026〕1号,"罚款, 警告"\r\n' +
  '乙公司,91440300MA5FXT4K8A,罚〔2026〕2号,"多行\n内容"\r\n' +
  '丙公司,,罚〔2026〕3号,"含""引号"""\r\n';

const REPORT: SubmissionReport = {
  accepted: 1,
  rejected: 2,
  rows: [
    { row: 2, status: 'accepted', recordId: 'r-1' },
    { row: 3, status: 'rejected', errors: [{ field: 'CF_XDR_SHXYM', code: 'CHECKSUM', message: 'check character should be N' }] },
    {
      row: 4,
      status: 'rejected',
      errors: [
        { field: 'CF_XDR_SHXYM', code: 'IS_NOT_EMPTY', message: 'required' },
        { field: 'CF_NR', code: 'MAX_LENGTH', message: 'too long, "really"' },
      ],
    },
  ],
};

describe('import report', () => {
  it('parses RFC 4180 CSV with quotes, commas, newlines inside fields and a BOM', () => {
    expect(parseCsv(FILE)).toEqual([
      ['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_WSH', 'CF_NR'],
      ['甲公司', '91440300MA5FXT4K8N', '罚〔2026〕1号', '罚款, 警告'],
      ['乙公司', '91440300MA5FXT4K8A', '罚〔2026〕2号', '多行\n内容'],
      ['丙公司', '', '罚〔2026〕3号', '含"引号"'],
    ]);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('writes CSV that parses back to the same records', () => {
    const records = parseCsv(FILE);
    expect(parseCsv(toCsv(records))).toEqual(records);
  });

  it('gives back the header and exactly the rejected rows of the file, to fix and upload again', () => {
    expect(parseCsv(rejectedRowsCsv(FILE, REPORT)!)).toEqual([
      ['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_WSH', 'CF_NR'],
      ['乙公司', '91440300MA5FXT4K8A', '罚〔2026〕2号', '多行\n内容'],
      ['丙公司', '', '罚〔2026〕3号', '含"引号"'],
    ]);
    expect(rejectedRowsCsv('', REPORT)).toBeUndefined();
  });

  it('lists every field error of the rejected rows', () => {
    expect(parseCsv(errorsCsv(REPORT, ['行', '字段', '代码', '说明']))).toEqual([
      ['行', '字段', '代码', '说明'],
      ['3', 'CF_XDR_SHXYM', 'CHECKSUM', 'check character should be N'],
      ['4', 'CF_XDR_SHXYM', 'IS_NOT_EMPTY', 'required'],
      ['4', 'CF_NR', 'MAX_LENGTH', 'too long, "really"'],
    ]);
  });
});
