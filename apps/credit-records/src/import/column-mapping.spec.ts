import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnOf, HeaderError, mapRow, resolveHeader } from './column-mapping';

const FIXTURES = join(__dirname, '../../../../test/fixtures/reference-data');
const dictionary = readFileSync(join(FIXTURES, 'credit_record_fields.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t'))
  .map(([recordType, code, , required]) => ({ recordType: recordType!, code: code!, required: required! }));
const codesOf = (recordType: string) => dictionary.filter((d) => d.recordType === recordType).map((d) => d.code);
/** sample_records.jsonl line 1: a real 2019+ legal-person penalty (legal representative's name redacted). */
const sample = (
  JSON.parse(readFileSync(join(FIXTURES, 'sample_records.jsonl'), 'utf8').split('\n')[0]!) as {
    record: Record<string, string | number | null>;
  }
).record;

function headerError(header: string[]): HeaderError {
  try {
    resolveHeader(header);
  } catch (error) {
    if (error instanceof HeaderError) return error;
    throw error;
  }
  throw new Error('expected a HeaderError');
}

describe('双公示 header → family and generation', () => {
  it.each([
    ['xzcf_v2', 'penalty', 'v2'],
    ['xzcf_v1_legacy', 'penalty', 'v1'],
    ['xzxk_v2', 'license', 'v2'],
    ['xzxk_v1_legacy', 'license', 'v1'],
  ])('knows every %s field code of credit_record_fields.tsv (%s, %s)', (recordType, family, generation) => {
    const codes = codesOf(recordType);
    expect(codes.length).toBeGreaterThan(5);
    const header = recordType === 'xzxk_v1_legacy' ? [...codes, 'XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ'] : codes;
    expect(resolveHeader(header)).toMatchObject({ family, generation });
  });

  it('reads a header of shared columns only as the current generation, case- and BOM-insensitively', () => {
    expect(resolveHeader(['\uFEFFcf_xdr_mc', ' CF_WSH ', 'CF_JDRQ'])).toMatchObject({ family: 'penalty', generation: 'v2' });
  });

  it('refuses unknown, empty and duplicate columns, naming each', () => {
    const error = headerError(['CF_XDR_MC', 'CF_FOO', '', 'CF_WSH', 'CF_WSH']);
    expect(error.code).toBe('IMPORT.UNKNOWN_COLUMNS');
    expect(error.errors).toEqual([
      expect.objectContaining({ field: 'CF_FOO', code: 'UNKNOWN_COLUMN' }),
      expect.objectContaining({ field: 'column C', code: 'EMPTY_HEADER' }),
      expect.objectContaining({ field: 'CF_WSH', code: 'DUPLICATE_COLUMN' }),
    ]);
  });

  it('ignores empty columns after the last named one, as spreadsheet exports leave them', () => {
    const mapping = resolveHeader(['XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ', '', ' ']);
    expect(mapping.columns).toEqual(['XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ']);
    expect(mapRow(mapping, 2, ['a', 'n', 'c', '2016-01-01', '', '']).submission).toMatchObject({ decisionDocumentNumber: 'n' });
    expect(mapRow(mapping, 3, ['a', 'n', 'c', '2016-01-01', '', 'x']).errors).toEqual([
      expect.objectContaining({ field: 'column E', code: 'EXTRA_CELLS' }),
    ]);
  });

  it('refuses a header that mixes the generations, whose code_2/code_3 columns disagree', () => {
    const error = headerError(['CF_XDR_MC', 'CF_XDR_ZDM', 'CF_XDR_GSZC', 'CF_WSH']);
    expect(error.code).toBe('IMPORT.MIXED_GENERATIONS');
    expect(error.errors.map((e) => e.field)).toEqual(['CF_XDR_ZDM', 'CF_XDR_GSZC']);
  });

  it('refuses penalties and licences in one file, and a header without any field code', () => {
    expect(headerError(['CF_XDR_MC', 'XK_XDR_MC']).code).toBe('IMPORT.MIXED_RECORD_TYPES');
    expect(headerError(['name', 'uscc']).code).toBe('IMPORT.UNKNOWN_RECORD_TYPE');
    expect(headerError(['', ' ']).code).toBe('IMPORT.HEADER_MISSING');
  });
});

describe('双公示 row → RecordSubmissionV1', () => {
  it('maps the real 2019+ penalty of sample_records.jsonl line 1', () => {
    // The API row carries the subject's name as COMP_NAME; a 双公示 file has it in CF_XDR_MC.
    const row: Record<string, string | number | null> = { ...sample, CF_XDR_MC: sample['COMP_NAME']! };
    const codes = Object.keys(row).filter((k) => k.startsWith('CF_') || k === 'BZ');
    const mapping = resolveHeader(codes);
    expect(mapping.generation).toBe('v2');
    const cells = codes.map((c) => (row[c] === null ? '' : String(row[c])));
    expect(mapRow(mapping, 2, cells, { severity: 'general' })).toEqual({
      row: 2,
      submission: {
        kind: 'administrative_penalty',
        subject: { name: '双鸭山智慧城市运营有限公司', category: 'legal_person', uscc: '91230500MA1B3N1N2M' },
        decisionDocumentNumber: '市场【2019】1号',
        legalBasis: '依据《行业准入规定》',
        content: '罚款2000元',
        category: '违反相关产品准入市场规定',
        decisionDate: '2019-10-10',
        validUntil: '2019-10-17',
        decidingAuthority: { name: '双鸭山市公安局', uscc: '11230500001755309F' },
        sourceOrganization: { name: '双鸭山市公安局', uscc: '11230500001755309F' },
        fineAmountYuan: 2000,
        severity: 'general',
        remarks: '违法事实：违反相关产品准入市场规定；处罚类别：罚款',
      },
    });
  });

  it('reads code_2/code_3 by generation: v1 ZDM/GSDJ and v2 GSZC/ZZJG land on the same alias schemes', () => {
    const v1 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_XDR_ZDM', 'CF_XDR_GSDJ', 'CF_WSH', 'CF_JG', 'CF_JDRQ', 'CF_XZJG']);
    const v2 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_XDR_GSZC', 'CF_XDR_ZZJG', 'CF_WSH', 'CF_NR', 'CF_JDRQ']);
    const v1Row = mapRow(v1, 2, [
      '某公司',
      '91230500MA1B3N1N2M',
      '06100070-X',
      '440301000000001',
      '深市监罚〔2016〕7号',
      '警告',
      '20160305',
      '深圳市市场监督管理局',
    ]);
    expect(v1Row.submission).toMatchObject({
      subject: {
        category: 'legal_person',
        aliases: [
          { scheme: 'organization_code', value: '06100070-X' },
          { scheme: 'business_registration_number', value: '440301000000001' },
        ],
      },
      content: '警告',
      decisionDate: '2016-03-05',
      remarks: '处罚机关：深圳市市场监督管理局',
    });
    expect(v1Row.submission).not.toHaveProperty('decidingAuthority');
    const v2Row = mapRow(v2, 2, [
      '某公司',
      '91230500MA1B3N1N2M',
      '440301000000001',
      '06100070-X',
      'x号',
      '警告',
      '2019年10月10日',
    ]);
    expect(v2Row.submission).toBeUndefined();
    expect(v2Row.errors!.map((e) => e.field)).toContain('CF_XDR_LB');
    const v2Complete = resolveHeader([
      ...v2.columns,
      ...['CF_XDR_LB', 'CF_WFXW', 'CF_CFLB', 'CF_SY', 'CF_YJ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'],
    ]);
    const rest = ['法人及非法人组织', 'w', '警告', 's', 'y', '2020-01-01', 'j', '11230500001755309F', 'j', '11230500001755309F'];
    const complete = mapRow(v2Complete, 3, [
      '某公司',
      '91230500MA1B3N1N2M',
      '440301000000001',
      '06100070-X',
      'x号',
      '警告',
      '2019年10月10日',
      ...rest,
    ]);
    expect(complete.submission?.subject.aliases).toEqual([
      { scheme: 'business_registration_number', value: '440301000000001' },
      { scheme: 'organization_code', value: '06100070-X' },
    ]);
  });

  it('names every missing required field by its 双公示 code, on that row only', () => {
    const mapping = resolveHeader(codesOf('xzcf_v2'));
    const result = mapRow(mapping, 7, []);
    expect(result.submission).toBeUndefined();
    const required = dictionary.filter((d) => d.recordType === 'xzcf_v2' && d.required === 'Y').map((d) => d.code);
    expect(result.errors!.map((e) => e.field).sort()).toEqual([...required].sort());
    expect(result.errors!.every((e) => e.code === 'REQUIRED')).toBe(true);
  });

  it('reports bad dates, amounts, categories and severities per field', () => {
    const mapping = resolveHeader(['CF_XDR_MC', 'CF_XDR_LB', 'CF_WSH', 'CF_NR', 'CF_JDRQ', 'CF_NR_FK', 'SEVERITY']);
    const result = mapRow(mapping, 4, ['a', '外星人', 'n', 'c', '2019-02-30', '两千', 'severe']);
    expect(result.errors!.filter((e) => e.code !== 'REQUIRED')).toEqual([
      expect.objectContaining({ field: 'CF_XDR_LB', code: 'UNKNOWN_VALUE' }),
      expect.objectContaining({ field: 'CF_JDRQ', code: 'DATE_FORMAT' }),
      expect.objectContaining({ field: 'CF_NR_FK', code: 'AMOUNT_FORMAT' }),
      expect.objectContaining({ field: 'SEVERITY', code: 'UNKNOWN_VALUE' }),
    ]);
  });

  it('takes a row severity over the default, and applies the default to penalties only', () => {
    const penalty = resolveHeader([
      'CF_XDR_MC',
      'CF_XDR_LB',
      'CF_WSH',
      'CF_NR',
      'CF_JDRQ',
      'CF_WFXW',
      'CF_CFLB',
      'CF_SY',
      'CF_YJ',
      'CF_YXQ',
      'CF_CFJG',
      'CF_CFJGDM',
      'CF_SJLY',
      'CF_SJLYDM',
      'SEVERITY',
    ]);
    const row = [
      'a',
      '法人',
      'n',
      'c',
      '20190101',
      'w',
      '警告',
      's',
      'y',
      '20200101',
      'j',
      '11230500001755309F',
      'j',
      '11230500001755309F',
    ];
    expect(mapRow(penalty, 2, [...row, '严重'], { severity: 'light' }).submission?.severity).toBe('serious');
    expect(mapRow(penalty, 2, [...row, ''], { severity: 'light' }).submission?.severity).toBe('light');
    const license = resolveHeader(['XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ']);
    expect(mapRow(license, 2, ['a', 'n', 'c', '20190101'], { severity: 'light' }).submission).not.toHaveProperty('severity');
  });

  it('maps natural persons by resident id (v2 ZJLX/ZJHM, v1 SFZ) and refuses other document types', () => {
    const v2 = resolveHeader(['XK_XDR_MC', 'XK_XDR_ZJLX', 'XK_XDR_ZJHM', 'XK_WSH', 'XK_NR', 'XK_JDRQ', 'XK_YXQZ', 'XK_YXQZI']);
    expect(
      mapRow(v2, 2, ['张某', '身份证', '11010519491231002X', 'n', 'c', '2020-01-02', '2020-01-02', '2025-01-01']).submission,
    ).toEqual({
      kind: 'administrative_license',
      subject: { name: '张某', category: 'natural_person', residentId: '11010519491231002X' },
      decisionDocumentNumber: 'n',
      content: 'c',
      decisionDate: '2020-01-02',
      validFrom: '2020-01-02',
      validUntil: '2025-01-01',
    });
    expect(mapRow(v2, 2, ['张某', '护照', 'E12345678', 'n', 'c', '2020-01-02', '', '']).errors).toEqual([
      expect.objectContaining({ field: 'XK_XDR_ZJLX', code: 'UNSUPPORTED_ID_TYPE' }),
    ]);
    const v1 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SFZ', 'CF_WSH', 'CF_JG', 'CF_JDRQ']);
    expect(mapRow(v1, 2, ['李某', '11010519491231002X', 'n', 'c', '2016-01-01']).submission?.subject).toEqual({
      name: '李某',
      category: 'natural_person',
      residentId: '11010519491231002X',
    });
  });

  it('needs both halves of an authority or source, and refuses rows a legacy feed marks deleted', () => {
    const mapping = resolveHeader(['XK_XDR_MC', 'XK_XDR_SHXYM', 'XK_WSH', 'XK_NR', 'XK_JDRQ', 'XK_XKJG', 'ISINVALID']);
    expect(mapRow(mapping, 2, ['a', '91230500MA1B3N1N2M', 'n', 'c', '2016-01-01', '某局', '0']).errors).toEqual([
      expect.objectContaining({ field: 'XK_XKJGDM', code: 'REQUIRED' }),
    ]);
    expect(mapRow(mapping, 2, ['a', '91230500MA1B3N1N2M', 'n', 'c', '2016-01-01', '', '2']).errors).toEqual([
      expect.objectContaining({ field: 'ISINVALID', code: 'DELETE_NOT_IMPORTED' }),
    ]);
  });

  it('takes the submitting provider as the source of rows that name none, and as the authority a v1 row names only by name', () => {
    const provider = { name: '深圳市市场监督管理局', uscc: '11440300690000015X' };
    const v1 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_WSH', 'CF_JG', 'CF_JDRQ', 'CF_XZJG', 'CF_YXQ']);
    expect(v1.generation).toBe('v1');
    const own = mapRow(v1, 2, ['某公司', '91230500MA1B3N1N2M', 'n', '警告', '20160101', provider.name, '20170101'], { provider });
    expect(own.submission).toMatchObject({ decidingAuthority: provider, sourceOrganization: provider, validUntil: '2017-01-01' });
    const other = mapRow(v1, 2, ['某公司', '91230500MA1B3N1N2M', 'n', '警告', '20160101', '另一个局', ''], { provider });
    expect(other.submission).not.toHaveProperty('decidingAuthority');
    expect(other.submission).toMatchObject({ sourceOrganization: provider, remarks: '处罚机关：另一个局' });
    const v2 = resolveHeader(['XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ', 'XK_XKJG', 'XK_XKJGDM']);
    expect(mapRow(v2, 2, ['a', 'n', 'c', '20200101', '某局', '11230500001755309F'], { provider }).submission).toMatchObject({
      decidingAuthority: { name: '某局', uscc: '11230500001755309F' },
      sourceOrganization: provider,
    });
  });

  it('flags cells beyond the header', () => {
    const mapping = resolveHeader(['XK_XDR_MC', 'XK_WSH', 'XK_NR', 'XK_JDRQ']);
    expect(mapRow(mapping, 9, ['a', 'n', 'c', '2016-01-01', 'extra']).errors).toEqual([
      expect.objectContaining({ field: 'column E', code: 'EXTRA_CELLS' }),
    ]);
  });

  it('translates submission paths of the record core back to the columns of this file', () => {
    const v2 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_XDR_ZJHM', 'CF_JDRQ', 'CF_CFJGDM', 'CF_NR_FK']);
    expect(columnOf(v2, 'subject.uscc')).toBe('CF_XDR_SHXYM');
    expect(columnOf(v2, 'subject.residentId')).toBe('CF_XDR_ZJHM');
    expect(columnOf(v2, 'decisionDate')).toBe('CF_JDRQ');
    expect(columnOf(v2, 'decidingAuthority.uscc')).toBe('CF_CFJGDM');
    expect(columnOf(v2, 'fineAmountYuan')).toBe('CF_NR_FK');
    expect(columnOf(v2, 'severity')).toBe('severity');
    expect(columnOf(v2, 'kind')).toBe('kind');
    const v1 = resolveHeader(['CF_XDR_MC', 'CF_XDR_SFZ', 'CF_JG']);
    expect(columnOf(v1, 'subject.residentId')).toBe('CF_XDR_SFZ');
    expect(columnOf(v1, 'content')).toBe('CF_JG');
    // Columns the file lacks are named so the provider knows what to add.
    expect(columnOf(v1, 'validUntil')).toBe('CF_YXQ');
    expect(columnOf(v1, 'decidingAuthority.uscc')).toBe('CF_CFJGDM');
  });
});
