// What credit records publishes becomes dated facts about the subject (in the consumer's inbox transaction), the
// subject is regraded in the same transaction, and a repair may end list entries based on it. Nothing here reaches
// into credit records: the integration events (libs/contracts) are all this service knows.
import {
  RECORD_EVENTS,
  type CreditRecordV1,
  type IntegrationEvent,
  type ObjectionDecidedV1,
  type ObjectionFiledV1,
  type RecordExpiredV1,
  type RecordRepairedV1,
  type RecordWithdrawnV1,
  type SubjectRegisteredV1,
} from '@credit-share/contracts';
import type { Tx } from '@credit-share/event-store';
import { ServiceRuntime, type IntegrationProjection } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { ListingService } from '../listing/listing.handlers';
import type { RecordFact } from './grading';
import { GradingService } from './grading.handlers';
import { insertRecordFacts, noteSubject } from './subject-facts.repository';

const ms = (iso: string) => Date.parse(iso);

/** The facts an integration event of credit records states about its subject (pure). */
export function factsOfEvent(event: IntegrationEvent): RecordFact[] {
  switch (event.type) {
    case RECORD_EVENTS.published:
    case RECORD_EVENTS.corrected: {
      const r = event.data as CreditRecordV1;
      return [
        {
          type: 'record',
          at: ms(event.occurredAt),
          recordId: r.recordId,
          kind: r.kind,
          severity: r.severity,
          publicFrom: ms(r.publicFrom),
          publicUntil: r.publicUntil === null ? null : ms(r.publicUntil),
          disputed: r.disputed,
          providerOrg: r.providerOrg,
        },
      ];
    }
    case RECORD_EVENTS.withdrawn: {
      const d = event.data as RecordWithdrawnV1;
      return [{ type: 'record-ended', at: ms(d.withdrawnAt), recordId: d.recordId, cause: 'withdrawn' }];
    }
    case RECORD_EVENTS.expired: {
      const d = event.data as RecordExpiredV1;
      return [{ type: 'record-ended', at: ms(d.expiredAt), recordId: d.recordId, cause: 'expired' }];
    }
    case RECORD_EVENTS.repaired: {
      const d = event.data as RecordRepairedV1;
      return [{ type: 'record-ended', at: ms(d.repairedAt), recordId: d.recordId, cause: 'repaired' }];
    }
    case RECORD_EVENTS.objectionFiled: {
      const d = event.data as ObjectionFiledV1;
      return [{ type: 'record-disputed', at: ms(d.filedAt), recordId: d.recordId, disputed: true }];
    }
    case RECORD_EVENTS.objectionDecided: {
      const d = event.data as ObjectionDecidedV1;
      return [{ type: 'record-disputed', at: ms(d.decidedAt), recordId: d.recordId, disputed: false }];
    }
    default:
      return [];
  }
}

export const CONSUMED_RECORD_EVENTS = [
  RECORD_EVENTS.subjectRegistered,
  RECORD_EVENTS.published,
  RECORD_EVENTS.corrected,
  RECORD_EVENTS.withdrawn,
  RECORD_EVENTS.expired,
  RECORD_EVENTS.repaired,
  RECORD_EVENTS.objectionFiled,
  RECORD_EVENTS.objectionDecided,
];

/**
 * The record facts and subject names: a read model of credit records' events alone, applied live by the consumer and
 * rebuilt from the audit ledger's entries by `npx credit-share replay` through the same `apply`.
 */
export const recordFactsProjection: IntegrationProjection = {
  name: 'record-facts',
  tables: ['record_facts', 'subjects'],
  handles: CONSUMED_RECORD_EVENTS,
  async apply(event: IntegrationEvent, tx: Tx) {
    if (event.type === RECORD_EVENTS.subjectRegistered) {
      const d = event.data as SubjectRegisteredV1;
      await noteSubject(tx, d.uscc, d.name);
      return;
    }
    const subject = (event.data as { subject: { uscc: string; name: string } }).subject;
    await noteSubject(tx, subject.uscc, subject.name);
    await insertRecordFacts(tx, event.id, subject.uscc, factsOfEvent(event));
  },
};

@Injectable()
export class GradingConsumer {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly grading: GradingService,
    private readonly listings: ListingService,
  ) {
    for (const type of CONSUMED_RECORD_EVENTS) runtime.consumers.on(type, (event, tx) => this.apply(event, tx));
  }

  /** The facts, then the subject's regrade and (for a repair) its list entries, in the inbox transaction. */
  async apply(event: IntegrationEvent, tx: Tx): Promise<void> {
    await recordFactsProjection.apply(event, tx);
    if (event.type === RECORD_EVENTS.subjectRegistered) return;
    const { uscc } = (event.data as { subject: { uscc: string } }).subject;
    await this.grading.regrade(tx, uscc, this.runtime.clock.now());
    if (event.type === RECORD_EVENTS.repaired)
      await this.listings.onRecordRepaired(tx, (event.data as RecordRepairedV1).recordId);
  }
}
