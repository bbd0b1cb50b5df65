// Given integration events / When viewed at an instant by a viewer / Then what the profile shows.
import type { IntegrationEvent } from '@credit-share/contracts';
import {
  envelope,
  alertClosed,
  alertIssued,
  gradeChanged,
  listingDecided,
  listingRemoved,
  objectionDecided,
  objectionFiled,
  recordCorrected,
  recordPublished,
  recordRepaired,
  recordWithdrawn,
  subjectRegistered,
  usccOf,
  type RecordSpec,
} from './profile-events.fixture';
import { evolveProfile, initialProfile, profileAsOf, recordStatusAt, type ProfileState } from './profile';
import { maskPersonIdentifiers, viewProfile } from './profile.view';
import type { Viewer } from './profile-access';

const USCC = usccOf(7);
const PENALTY: RecordSpec = {
  recordId: 'r-1',
  uscc: USCC,
  publicFrom: '2026-03-01T00:00:00Z',
  publicUntil: '2026-09-01T00:00:00+08:00',
};
const RESTRICTED: RecordSpec = { recordId: 'r-2', uscc: USCC, sharingClass: 'restricted', publicFrom: '2026-03-02T00:00:00Z' };
const at = (iso: string) => Date.parse(iso);
const fold = (events: IntegrationEvent[]): ProfileState => events.reduce(evolveProfile, initialProfile(USCC));
const everything: Viewer = { kind: 'organization', org: 'sz-market', classes: ['public', 'conditional', 'restricted'] };
const publicOnly: Viewer = { kind: 'organization', org: 'sz-tax', classes: ['public'] };
const subject: Viewer = { kind: 'subject', org: USCC, classes: ['public', 'conditional', 'restricted'] };

describe('profile evolve and view', () => {
  it('keeps identity and aliases, and counts what it folded', () => {
    const state = fold([
      subjectRegistered(USCC, '示例公司', '2026-01-01T00:00:00Z', [{ scheme: 'organization_code', value: 'MA5G0000-1' }]),
      subjectRegistered(USCC, '示例公司（更名）', '2026-02-01T00:00:00Z', [{ scheme: 'organization_code', value: 'MA5G0000-1' }]),
    ]);
    expect(state).toMatchObject({
      name: '示例公司（更名）',
      aliases: [{ scheme: 'organization_code', value: 'MA5G0000-1' }],
      events: 2,
    });
    expect(state.lastOccurredAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('ignores events it does not know, and a late older version of a record', () => {
    const state = fold([
      recordPublished(PENALTY),
      recordCorrected({ ...PENALTY, version: 2, content: '新' }, '更正', '2026-03-05T00:00:00Z'),
    ]);
    const unknown = { ...recordPublished(PENALTY), type: 'SomethingElse' };
    expect(evolveProfile(state, unknown)).toBe(state);
    expect(evolveProfile(state, recordPublished(PENALTY)).records['r-1']!.version).toBe(2);
    expect(state.records['r-1']!.corrections).toEqual([{ version: 2, reason: '更正', at: '2026-03-05T00:00:00.000Z' }]);
  });

  it('computes publicity from dates at the instant asked about, whatever the producer said last', () => {
    const state = fold([recordPublished(PENALTY)]);
    const record = state.records['r-1']!;
    expect(recordStatusAt(record, at('2026-02-28T00:00:00Z'))).toBe('pending_publicity');
    expect(recordStatusAt(record, at('2026-08-31T15:59:59Z'))).toBe('published');
    expect(recordStatusAt(record, at('2026-08-31T16:00:00Z'))).toBe('expired'); // +08:00 offset: an instant, not text
    const view = viewProfile(state, at('2026-10-01T00:00:00Z'), everything);
    expect(view.records).toEqual([]);
    expect(view.history.map((r) => [r.id, r.status])).toEqual([['r-1', 'expired']]);
  });

  it('flags a record disputed from the objection on, and clears it when the last objection is decided', () => {
    const filed = fold([recordPublished(PENALTY), objectionFiled(PENALTY, 'o-1', '2026-04-01T00:00:00Z')]);
    expect(filed.records['r-1']!.disputed).toBe(true);
    expect(viewProfile(filed, at('2026-04-02T00:00:00Z'), everything).objections).toMatchObject([
      { id: 'o-1', status: 'pending' },
    ]);
    const decided = evolveProfile(filed, objectionDecided(PENALTY, 'o-1', 'rejected', '2026-04-05T00:00:00Z'));
    expect(decided.records['r-1']!.disputed).toBe(false);
    expect(decided.objections['o-1']).toMatchObject({ status: 'rejected', decidedAt: '2026-04-05T00:00:00Z' });
  });

  it('moves withdrawn and repaired records to the history, shown to the subject and the provider only', () => {
    const state = fold([
      recordPublished(PENALTY),
      recordPublished(RESTRICTED),
      recordWithdrawn(PENALTY, '2026-04-01T00:00:00Z'),
      recordRepaired(RESTRICTED, 'p-1', '2026-04-02T00:00:00Z'),
    ]);
    const instant = at('2026-05-01T00:00:00Z');
    expect(viewProfile(state, instant, subject).history.map((r) => [r.id, r.status])).toEqual([
      ['r-1', 'withdrawn'],
      ['r-2', 'repaired'],
    ]);
    expect(viewProfile(state, instant, everything).history.map((r) => r.id)).toEqual(['r-1', 'r-2']); // sz-market provided both
    expect(viewProfile(state, instant, { ...everything, org: 'sz-police' }).history).toEqual([]);
  });

  it('never shows a class the viewer lacks, nor names its records in grade reasons or listings', () => {
    const state = fold([
      recordPublished(PENALTY),
      recordPublished(RESTRICTED),
      gradeChanged(USCC, 'C', 45, '2026-03-03T00:00:00Z', [
        { recordId: 'r-1', rule: 'penalty.general', points: -15 },
        { recordId: 'r-2', rule: 'penalty.serious', points: -40 },
      ]),
      listingDecided(USCC, 'l-1', ['r-1', 'r-2'], '2026-03-04T00:00:00Z', '2029-03-04T00:00:00Z'),
    ]);
    const view = viewProfile(state, at('2026-04-01T00:00:00Z'), publicOnly);
    expect(view.records.map((r) => r.id)).toEqual(['r-1']);
    expect(JSON.stringify(view)).not.toContain('"r-2"');
    expect(view.grade!.reasons).toEqual([
      { recordId: 'r-1', rule: 'penalty.general', points: -15 },
      { rule: 'penalty.serious', points: -40, withheld: true },
    ]);
    expect(view.listings[0]).toMatchObject({ id: 'l-1', status: 'listed', inForce: true, basisRecordIds: ['r-1'] });
  });

  it('shows a listing from its notice on, not while it is only proposed', () => {
    const proposed = fold([
      envelope('ListingProposed', USCC, '2026-03-04T00:00:00Z', {
        listingId: 'l-9',
        uscc: USCC,
        listType: 'serious_dishonesty',
        basisRecordIds: ['r-1'],
        legalBasis: '依据',
        proposedBy: 'sz-market',
        proposedAt: '2026-03-04T00:00:00Z',
      }),
    ]);
    expect(viewProfile(proposed, at('2026-03-05T00:00:00Z'), subject).listings).toEqual([]);
    const listed = evolveProfile(proposed, listingDecided(USCC, 'l-9', ['r-1'], '2026-03-20T00:00:00Z', '2029-03-20T00:00:00Z'));
    expect(viewProfile(listed, at('2026-03-21T00:00:00Z'), subject).listings).toMatchObject([{ id: 'l-9', status: 'listed' }]);
  });

  it('keeps a measure in force until its release is confirmed, and shows a residual restriction meanwhile', () => {
    const base = [
      listingDecided(USCC, 'l-1', ['r-1'], '2026-03-04T00:00:00Z', '2029-03-04T00:00:00Z'),
      alertIssued(USCC, 'a-1', 'l-1', 'm-1', 'apply', '2026-03-04T01:00:00Z'),
      alertClosed(USCC, 'a-1', 'l-1', 'm-1', 'apply', 'applied', '2026-03-05T00:00:00Z'),
      listingRemoved(USCC, 'l-1', '2026-06-01T00:00:00Z'),
      alertIssued(USCC, 'a-2', 'l-1', 'm-1', 'release', '2026-06-01T01:00:00Z'),
    ];
    const measures = new Map([
      ['m-1', { measureId: 'm-1', content: '限制政府采购', target: '法人', legalBasis: '备忘录', implementingOrg: 'sz-finance' }],
    ]);
    const pending = viewProfile(fold(base), at('2026-06-02T00:00:00Z'), everything, measures);
    expect(pending.measuresInForce).toMatchObject([
      {
        measureId: 'm-1',
        content: '限制政府采购',
        feedback: { status: 'closed', outcome: 'applied' },
        release: { status: 'open' },
        residualRestriction: true,
      },
    ]);
    const released = fold([...base, alertClosed(USCC, 'a-2', 'l-1', 'm-1', 'release', 'applied', '2026-06-03T00:00:00Z')]);
    expect(viewProfile(released, at('2026-06-04T00:00:00Z'), everything).measuresInForce).toEqual([]);
  });

  it('masks person identifiers everywhere, and leaves USCCs and amounts alone', () => {
    expect(maskPersonIdentifiers('身份证 320102199001011234，电话 13912345678')).toBe(
      '身份证 3201**********1234，电话 139****5678',
    );
    expect(maskPersonIdentifiers('11010519491231002X')).toBe('1101**********002X');
    expect(maskPersonIdentifiers('91440300MA5G00001X 罚款 50000 元')).toBe('91440300MA5G00001X 罚款 50000 元');
    const state = fold([recordPublished({ ...PENALTY, content: '负责人 320102199001011234' })]);
    expect(JSON.stringify(viewProfile(state, at('2026-04-01T00:00:00Z'), everything))).not.toContain('320102199001011234');
  });

  it('folds only what had occurred by the instant', () => {
    const history = [recordPublished(PENALTY), recordWithdrawn(PENALTY, '2026-04-01T00:00:00Z')];
    expect(profileAsOf(USCC, history, at('2026-03-31T23:59:59.999Z')).records['r-1']!.status).toBe('published');
    expect(profileAsOf(USCC, history, at('2026-04-01T00:00:00Z')).records['r-1']!.status).toBe('withdrawn');
    expect(profileAsOf(USCC, history, at('2026-01-01T00:00:00Z')).events).toBe(0);
  });
});
