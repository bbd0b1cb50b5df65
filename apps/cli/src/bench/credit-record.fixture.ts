// The one event every contender writes: a published administrative-penalty record, shaped like the credit-records
// service's events (USCC, names, decision, dates; ~300 bytes of JSON) with the metadata our store keeps on every
// event (correlation and causation ids, actor, W3C traceparent). Events are generated once, before any measurement,
// so generating them costs no contender anything.
import { randomBytes, randomUUID } from 'node:crypto';

export type CreditRecordData = {
  recordId: string;
  subject: { uscc: string; name: string; legalRepresentative: string };
  category: string;
  decision: { number: string; authority: string; decidedOn: string };
  publicity: { from: string; until: string };
  severity: string;
};

/** A type alias (not an interface) so that it is also a `Record<string, unknown>`, as Emmett's `Event` wants. */
export type BenchMetadata = {
  correlationId: string;
  causationId: string | null;
  actor: { user: string; org: string };
  traceparent: string | null;
};

export interface BenchEvent {
  type: 'RecordPublished';
  data: CreditRecordData;
  metadata: BenchMetadata;
}

const SUBJECTS = [
  { uscc: '91440300MA5FQ2XK3B', name: '深圳市前海星河供应链管理有限公司', legalRepresentative: '李建国' },
  { uscc: '91440300MA5G7LUD8W', name: '深圳市南山区蓝海电子科技有限公司', legalRepresentative: '陈晓梅' },
  { uscc: '91440300MA5EXR1N4P', name: '深圳市福田区恒信建筑工程有限公司', legalRepresentative: '王志强' },
];
const AUTHORITY_ORG = '11440300MB2C00013E';

export class CreditRecordEvents {
  private readonly events: BenchEvent[];
  private next = 0;

  constructor(count = 1_000) {
    this.events = Array.from({ length: count }, (_, i) => creditRecordEvent(i));
  }

  /**
   * `n` consecutive events of the pre-generated set (wrapping around). They carry the first one's metadata: the
   * events of one append come from one command, and our store takes one metadata per append, so every contender
   * stores exactly the same rows.
   */
  take(n: number): BenchEvent[] {
    const first = this.events[this.next]!;
    const batch: BenchEvent[] = [];
    for (let i = 0; i < n; i++) {
      const event = this.events[this.next]!;
      batch.push(i === 0 ? event : { ...event, metadata: first.metadata });
      this.next = (this.next + 1) % this.events.length;
    }
    return batch;
  }

  /** Sizes in bytes of one event's JSON data and metadata, for the report. */
  sizes(): { data: number; metadata: number } {
    const e = this.events[0]!;
    return { data: Buffer.byteLength(JSON.stringify(e.data)), metadata: Buffer.byteLength(JSON.stringify(e.metadata)) };
  }
}

function creditRecordEvent(i: number): BenchEvent {
  const subject = SUBJECTS[i % SUBJECTS.length]!;
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    type: 'RecordPublished',
    data: {
      recordId: randomUUID(),
      subject,
      category: 'administrative-penalty',
      decision: { number: `深市监罚〔2025〕${1000 + i}号`, authority: '深圳市市场监督管理局', decidedOn: `2025-03-${day}` },
      publicity: { from: `2025-04-${day}`, until: `2028-04-${day}` },
      severity: 'ordinary',
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { user: `officer-${String(i % 97).padStart(4, '0')}`, org: AUTHORITY_ORG },
      traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    },
  };
}
