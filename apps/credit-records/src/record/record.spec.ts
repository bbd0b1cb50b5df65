import { specification } from '@credit-share/testing';
import {
  clearDisputed,
  decideCorrect,
  decideExpire,
  decidePublish,
  decideWithdraw,
  inPublicity,
  markDisputed,
  markRepaired,
  recordAggregate,
  statusAt,
  type CorrectRecord,
  type PublishRecord,
  type RecordState,
} from './record';
import type { RecordEvent } from './record.events';

const at = (iso: string) => new Date(iso);
const published = at('2026-03-02T02:00:00Z');

const publish: PublishRecord = {
  recordId: 'r1',
  kind: 'administrative_penalty',
  catalogueVersion: 1,
  sharingClass: 'public',
  marketCredit: false,
  providerOrg: 'sz-amr',
  subject: {
    key: '91230500MA1B3N1N2M',
    category: 'legal_person',
    uscc: '91230500MA1B3N1N2M',
    name: '双鸭山智慧城市运营有限公司',
  },
  severity: 'general',
  details: { decisionDocumentNumber: '市场【2026】1号', content: '罚款2000元', decisionDate: '2026-02-27', fineAmountYuan: 2000 },
};

const [publishedEvent] = decidePublish(publish, recordAggregate.initialState, published) as [RecordEvent];
const given = (...more: RecordEvent[]) => specification(recordAggregate).given([publishedEvent, ...more]);
const fold = (events: RecordEvent[]): RecordState => events.reduce(recordAggregate.evolve, recordAggregate.initialState);

const correction = (overrides: Partial<CorrectRecord> = {}): CorrectRecord => ({
  recordId: 'r1',
  providerOrg: 'sz-amr',
  reason: '罚款金额录入错误',
  subjectKey: publish.subject.key,
  subjectName: publish.subject.name,
  kind: publish.kind,
  severity: 'serious',
  details: { ...publish.details, fineAmountYuan: 20_000 },
  ...overrides,
});

describe('record', () => {
  describe('publish', () => {
    it('emits the first version with the publicity period of its severity', () => {
      expect(publishedEvent).toEqual({
        type: 'RecordPublished',
        data: expect.objectContaining({
          recordId: 'r1',
          version: 1,
          severity: 'general',
          // 00:00 CST of the decision day; 24:00 CST of 2027-02-27 (12 months); repair after 3 months
          publicFrom: '2026-02-26T16:00:00.000Z',
          publicUntil: '2027-02-27T16:00:00.000Z',
          repairableFrom: '2026-05-27T16:00:00.000Z',
          submittedAt: published.toISOString(),
        }),
      });
    });

    it('has no publicity limit without a severity', () => {
      const [event] = decidePublish(
        { ...publish, kind: 'administrative_license', severity: null },
        recordAggregate.initialState,
        published,
      );
      expect(event!.data).toMatchObject({ publicUntil: null, repairableFrom: null });
    });

    it('is a no-op for an existing record', () => {
      given()
        .when((s) => decidePublish(publish, s, published))
        .thenNothing();
    });
  });

  describe('correct', () => {
    it('emits a new version with the new period, keeping the history', () => {
      const events = decideCorrect(correction(), fold([publishedEvent]), published);
      expect(events).toEqual([
        {
          type: 'RecordCorrected',
          data: expect.objectContaining({
            version: 2,
            severity: 'serious',
            publicUntil: '2029-02-27T16:00:00.000Z',
            reason: '罚款金额录入错误',
            disputed: false,
            kind: 'administrative_penalty',
          }),
        },
      ]);
      const state = fold([publishedEvent, ...events]);
      expect(state.status === 'published' && state.history.map((v) => v.version)).toEqual([1, 2]);
    });

    it('refuses another provider’s record (as not found), a changed subject, and a missing reason', () => {
      given()
        .when((s) => decideCorrect(correction({ providerOrg: 'sz-tax' }), s, published))
        .thenRefuses('RECORD.NOT_FOUND');
      given()
        .when((s) => decideCorrect(correction({ subjectKey: '91152201078377449P' }), s, published))
        .thenRefuses('RECORD.INVALID', ['subject']);
      given()
        .when((s) => decideCorrect(correction({ reason: ' ' }), s, published))
        .thenRefuses('RECORD.INVALID', ['reason']);
    });

    it('is a no-op when nothing changed', () => {
      given()
        .when((s) => decideCorrect(correction({ severity: 'general', details: publish.details }), s, published))
        .thenNothing();
    });
  });

  describe('withdraw', () => {
    it('emits the withdrawal with its reason; publicity ends at once', () => {
      const events = decideWithdraw(
        { recordId: 'r1', providerOrg: 'sz-amr', reason: '行政复议撤销' },
        fold([publishedEvent]),
        published,
      );
      expect(events).toEqual([
        {
          type: 'RecordWithdrawn',
          data: expect.objectContaining({ reason: '行政复议撤销', withdrawnAt: published.toISOString(), version: 1 }),
        },
      ]);
      const state = fold([publishedEvent, ...events]);
      expect(inPublicity(state, published)).toBe(false);
      expect(inPublicity(state, at('2026-03-01T00:00:00Z'))).toBe(true);
    });

    it('refuses without a reason, and for another provider', () => {
      given()
        .when((s) => decideWithdraw({ recordId: 'r1', providerOrg: 'sz-amr', reason: '' }, s, published))
        .thenRefuses('RECORD.INVALID');
      given()
        .when((s) => decideWithdraw({ recordId: 'r1', providerOrg: 'sz-tax', reason: 'x' }, s, published))
        .thenRefuses('RECORD.NOT_FOUND');
    });

    it('is a no-op when already withdrawn', () => {
      const [withdrawn] = decideWithdraw(
        { recordId: 'r1', providerOrg: 'sz-amr', reason: 'x' },
        fold([publishedEvent]),
        published,
      );
      given(withdrawn!)
        .when((s) => decideWithdraw({ recordId: 'r1', providerOrg: 'sz-amr', reason: 'again' }, s, published))
        .thenNothing();
    });
  });

  describe('expire', () => {
    const end = at('2027-02-27T16:00:00Z');
    it('emits the expiry once the period has run out (24:00 CST of the last day)', () => {
      given()
        .when((s) => decideExpire(s, end))
        .then([
          {
            type: 'RecordExpired',
            data: expect.objectContaining({ recordId: 'r1', expiredAt: '2027-02-27T16:00:00.000Z' }) as never,
          },
        ]);
    });
    it('is a no-op a millisecond before the end, and for a withdrawn record', () => {
      given()
        .when((s) => decideExpire(s, new Date(end.getTime() - 1)))
        .thenNothing();
      const [withdrawn] = decideWithdraw(
        { recordId: 'r1', providerOrg: 'sz-amr', reason: 'x' },
        fold([publishedEvent]),
        published,
      );
      given(withdrawn!)
        .when((s) => decideExpire(s, end))
        .thenNothing();
    });
    it('computes status and publicity from dates for any instant, whether or not the timer fired', () => {
      const state = fold([publishedEvent]);
      expect(statusAt(state, new Date(end.getTime() - 1))).toBe('published');
      expect(statusAt(state, end)).toBe('expired');
      expect(inPublicity(state, end)).toBe(false);
      expect(inPublicity(state, at('2026-02-26T15:59:59.999Z'))).toBe(false);
      expect(inPublicity(state, at('2026-02-26T16:00:00Z'))).toBe(true);
    });
  });

  describe('markRepaired', () => {
    it('ends publicity early once the minimum period is served', () => {
      const now = at('2026-05-27T16:00:00Z');
      given()
        .when((s) => markRepaired({ recordId: 'r1', repairId: 'rp1' }, s, now))
        .then([
          { type: 'RecordRepaired', data: expect.objectContaining({ repairId: 'rp1', repairedAt: now.toISOString() }) as never },
        ]);
    });
    it('refuses before the minimum period, and for a record without repair', () => {
      given()
        .when((s) => markRepaired({ recordId: 'r1', repairId: 'rp1' }, s, at('2026-05-27T15:59:59Z')))
        .thenRefuses('RECORD.REPAIR_TOO_EARLY');
      const [licence] = decidePublish({ ...publish, severity: null }, recordAggregate.initialState, published);
      specification(recordAggregate)
        .given([licence!])
        .when((s) => markRepaired({ recordId: 'r1', repairId: 'rp1' }, s, at('2026-06-01T00:00:00Z')))
        .thenRefuses('RECORD.NOT_REPAIRABLE');
    });
    it('is a no-op for the same repair again', () => {
      const now = at('2026-06-01T00:00:00Z');
      const [repaired] = markRepaired({ recordId: 'r1', repairId: 'rp1' }, fold([publishedEvent]), now);
      given(repaired!)
        .when((s) => markRepaired({ recordId: 'r1', repairId: 'rp1' }, s, now))
        .thenNothing();
    });
  });

  describe('disputed flag', () => {
    it('is set by an objection and cleared when every objection is decided', () => {
      const [a] = markDisputed({ recordId: 'r1', objectionId: 'o1' }, fold([publishedEvent]), published);
      const [b] = markDisputed({ recordId: 'r1', objectionId: 'o2' }, fold([publishedEvent, a!]), published);
      const [clearA] = clearDisputed({ recordId: 'r1', objectionId: 'o1' }, fold([publishedEvent, a!, b!]), published);
      expect(fold([publishedEvent, a!]).status !== 'none' && fold([publishedEvent, a!, b!, clearA!])).toMatchObject({
        disputes: ['o2'],
      });
      const [withdrawn] = decideWithdraw(
        { recordId: 'r1', providerOrg: 'sz-amr', reason: 'x' },
        fold([publishedEvent, a!]),
        published,
      );
      expect(withdrawn!.data).toMatchObject({ disputed: true });
    });
    it('refuses an unknown record', () => {
      specification(recordAggregate)
        .given([])
        .when((s) => markDisputed({ recordId: 'nope', objectionId: 'o1' }, s, published))
        .thenRefuses('RECORD.NOT_FOUND');
    });
    it('is a no-op twice, and clearing an objection that is not open is a no-op', () => {
      const [a] = markDisputed({ recordId: 'r1', objectionId: 'o1' }, fold([publishedEvent]), published);
      given(a!)
        .when((s) => markDisputed({ recordId: 'r1', objectionId: 'o1' }, s, published))
        .thenNothing();
      given()
        .when((s) => clearDisputed({ recordId: 'r1', objectionId: 'o1' }, s, published))
        .thenNothing();
    });
  });
});
