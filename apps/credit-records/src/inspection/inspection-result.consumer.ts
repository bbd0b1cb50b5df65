// Consumes InspectionResultReported (joint-supervision) and submits an inspection_result record for the plan's
// organiser through RecordSubmissionService — the one validation and storage path of every channel. Idempotent by
// resultId: the inbox skips a redelivered message, and `inspection_result_records` (written in the inbox
// transaction) skips a result already turned into a record or refused; a result whose submission committed but whose
// inbox transaction did not is found again by the records' own idempotency key (same document number).
import { ORGANIZATION_DIRECTORY, type OrganizationDirectory } from '@credit-share/auth';
import { DomainError, SUPERVISION_EVENTS, type InspectionResultReportedV1 } from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RecordSubmissionService } from '../record/record-submission.service';
import { inspectionRecordOf } from './inspection-result';

@Injectable()
export class InspectionResultConsumer {
  private readonly logger = new Logger('credit-records');

  constructor(
    runtime: ServiceRuntime,
    submissions: RecordSubmissionService,
    @Inject(ORGANIZATION_DIRECTORY) directory: OrganizationDirectory,
  ) {
    runtime.consumers.on<InspectionResultReportedV1>(SUPERVISION_EVENTS.inspectionResultReported, async (event, tx) => {
      const result = event.data;
      const { rows } = await tx.query(`SELECT 1 FROM inspection_result_records WHERE result_id = $1`, [result.resultId]);
      if (rows.length > 0) return;
      // Recorded under the organiser (the inspecting department), validated against its authorisations; the actor is
      // joint supervision, which reported it.
      let outcome: { recordId: string | null; status: 'accepted' | 'rejected'; errors: unknown[] | null };
      const organiser = await directory.find(result.organizer);
      if (!organiser) {
        outcome = {
          recordId: null,
          status: 'rejected',
          errors: [
            {
              field: 'organizer',
              code: 'ORGANIZATION.NOT_FOUND',
              message: `organisation "${result.organizer}" is not registered`,
            },
          ],
        };
      } else {
        try {
          const { report } = await submissions.submitOnBehalf([{ row: 1, submission: inspectionRecordOf(result) }], organiser, {
            user: 'joint-supervision',
            org: result.organizer,
          });
          const row = report.rows[0]!;
          outcome = { recordId: row.recordId ?? null, status: row.status, errors: row.errors ?? null };
        } catch (error) {
          // A refusal of the organisation as a whole is a business outcome, not something a retry changes.
          if (!(error instanceof DomainError)) throw error;
          outcome = {
            recordId: null,
            status: 'rejected',
            errors: [{ field: 'organizer', code: error.code, message: error.message }],
          };
        }
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
