import type { InspectionResultReportedV1 } from '@credit-share/contracts';
import { inspectionRecordOf } from './inspection-result';

const reported: InspectionResultReportedV1 = {
  resultId: 'r-1',
  planId: 'plan-1',
  uscc: '91152201078377449P',
  subjectName: '某某科技有限公司',
  organizer: 'sz-amr',
  inspector: '执法人员甲',
  outcome: 'non_compliant',
  findings: '未按规定公示年度报告',
  inspectedOn: '2026-02-27',
};

describe('an inspection result as a record submission', () => {
  it('maps a non-compliant result to a general inspection_result keyed by the result id', () => {
    expect(inspectionRecordOf(reported)).toEqual({
      kind: 'inspection_result',
      subject: { name: '某某科技有限公司', category: 'legal_person', uscc: '91152201078377449P' },
      decisionDocumentName: '双随机抽查检查结果',
      decisionDocumentNumber: 'inspection-result:r-1',
      content: '发现问题：未按规定公示年度报告',
      category: 'non_compliant',
      decisionDate: '2026-02-27',
      severity: 'general',
      remarks: '检查计划 plan-1',
    });
  });

  it('gives "not found" light severity and a compliant result none', () => {
    expect(inspectionRecordOf({ ...reported, outcome: 'not_found' }).severity).toBe('light');
    expect(inspectionRecordOf({ ...reported, outcome: 'compliant' })).not.toHaveProperty('severity');
  });

  it('keeps the content within the submission limit, and the inspector (a person) out of the record', () => {
    const long = inspectionRecordOf({ ...reported, findings: '问'.repeat(5_000) });
    expect(long.content.length).toBe(4_000);
    expect(JSON.stringify(inspectionRecordOf(reported))).not.toContain('执法人员甲');
  });
});
