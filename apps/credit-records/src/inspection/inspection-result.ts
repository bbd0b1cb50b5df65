// An inspection result of joint supervision's random inspections (双随机、一公开) becomes an `inspection_result`
// record of the plan's organiser (PRODUCT.md §3.2), through the same submission path as every other channel. Pure.
//
// Severity: a non-compliant result is an adverse record of general severity (publicity 3 months – 1 year, repairable
// after 3 months); "not found at its registered address" (查无下落) is light; a compliant result is informational
// (no severity, no publicity limit). The document number is derived from the result id, so the records'
// idempotency key (provider + subject + document number) makes a redelivered result the same record.
import type { InspectionResultReportedV1, RecordSubmissionV1, Severity } from '@credit-share/contracts';

const OUTCOME_LABELS: Record<InspectionResultReportedV1['outcome'], string> = {
  compliant: '未发现问题',
  non_compliant: '发现问题',
  not_found: '查无下落',
};

const SEVERITY_OF: Record<InspectionResultReportedV1['outcome'], Severity | undefined> = {
  compliant: undefined,
  non_compliant: 'general',
  not_found: 'light',
};

const MAX_CONTENT = 4_000;

export function inspectionDocumentNumber(resultId: string): string {
  return `inspection-result:${resultId}`;
}

export function inspectionRecordOf(result: InspectionResultReportedV1): RecordSubmissionV1 {
  const content = `${OUTCOME_LABELS[result.outcome]}：${result.findings}`;
  const severity = SEVERITY_OF[result.outcome];
  return {
    kind: 'inspection_result',
    subject: { name: result.subjectName, category: 'legal_person', uscc: result.uscc },
    decisionDocumentName: '双随机抽查检查结果',
    decisionDocumentNumber: inspectionDocumentNumber(result.resultId),
    content: content.length > MAX_CONTENT ? `${content.slice(0, MAX_CONTENT - 1)}…` : content,
    category: result.outcome,
    decisionDate: result.inspectedOn,
    ...(severity ? { severity } : {}),
    remarks: `检查计划 ${result.planId}`,
  };
}
