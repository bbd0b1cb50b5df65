// Consumes InspectionResultReported (joint-supervision) and submits an inspection_result record for the plan's
// organiser through RecordSubmissionService — the one validation and storage path of every channel. Idempotent by
// resultId: the inbox skips a redelivered message, and `inspection_result_records` (written in the inbox
// transaction) skips a result already turned into a record or refused; a result whose submission committed but whose
// inbox transaction did not is found again by the records' own idempotency key (same document number).
import { type Principal } from '@credit-share/auth';
import { DomainError, SUPERVISION_EVENTS, type InspectionResultReportedV1 } from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { RecordSubmissionService } from '../record/record-submission.service';
import { inspectionRecordOf } from './inspection-result';

@Injectable()
export class InspectionResultConsumer {
  private readonly logger = new Logger('credit-records');

  constructor(runtime: ServiceRuntime, submissions: RecordSubmissionService) {
    runtime.consumers.on<InspectionResultReportedV1>(SUPERVISION_EVENTS.inspectionResultReported, async (event, tx) => {
      const result = event.data;
      const { rows } = await tx.query(`SELECT 1 FROM inspection_result_records WHERE result_id = $1`, [result.resultId]);
      if (rows.length > 0) return;
      // The organiser submits the record as a provider would; the joint-supervision service acts for it.
      const principal: Principal = { user: 'joint-supervision', org: result.organizer, roles: ['provider'] };
      let outcome: { recordId: string | null; status: 'accepted' | 'rejected'; errors: unknown[] | null };
      try {
        const report = await submissions.submitRows([{ row: 1, submission: inspectionRecordOf(result) }], principal);
        const row = report.rows[0]!;
        outcome = { recordId: row.recordId ?? null, status: row.status, errors: row.errors ?? null };
      } catch (error) {
        // An organiser the directory does not know (or that may not provide) is a business outcome, not a retry.
        if (!(error instanceof DomainError)) throw error;
        outcome = {
          recordId: null,
          status: 'rejected',
          errors: [{ field: 'organizer', code: error.code, message: error.message }],
        };
      }
      if (outcome.status === 'rejected') {
        this.logger.warn(
          `inspection result ${result.resultId} of plan ${result.planId} was not recorded: ${JSON.stringify(outcome.errors)}`,
        );
      }
      await tx.query(
        `INSERT INTO inspection_result_records (result_id, record_id, status, errors) VALUES ($1, $2, $3, $4)
         ON CONFLICT (result_id) DO NOTHING`,
        [result.resultId, outcome.recordId, outcome.status, outcome.errors === null ? null : JSON.stringify(outcome.errors)],
      );
    });
  }
}
