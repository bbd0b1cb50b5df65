// Property: for random subjects with random histories (publications, corrections, objections filed and decided
// either way, repairs applied and decided, withdrawals, expiries, grades) and random instants, the service's
// `GET /profiles/{uscc}?asOf=` equals a from-scratch fold of exactly the events that had occurred by then — and the
// live profile equals the fold of the whole history. The service reads its stored history; the test folds what it sent.
import { SHARING_CLASSES, type IntegrationEvent, type SharingClass, type Severity } from '@credit-share/contracts';
import { startTestApp, type TestApp } from '@credit-share/testing';
import fc from 'fast-check';
import { CreditProfilesModule } from '../credit-profiles.module';
import { profileAsOf } from './profile';
import {
  gradeChanged,
  messageOf,
  objectionDecided,
  objectionFiled,
  organizationRegistered,
  recordCorrected,
  recordExpired,
  recordPublished,
  recordRepaired,
  recordWithdrawn,
  repairApplied,
  repairDecided,
  subjectRegistered,
  usccOf,
  type RecordSpec,
} from './profile-events.fixture';
import { viewProfile } from './profile.view';

const OPS = ['publish', 'publish', 'correct', 'file', 'decide', 'repair', 'decideRepair', 'withdraw', 'expire', 'grade'] as const;
type Op = (typeof OPS)[number];

interface Step {
  op: Op;
  pick: number;
  gapMinutes: number;
  flag: boolean;
  cls: number;
  days: number;
}

interface Tracked {
  spec: RecordSpec;
  status: 'published' | 'withdrawn' | 'expired' | 'repaired';
  objection: string | null;
  repair: string | null;
}

/** Turns random steps into a consistent, contract-valid history of one subject. */
function historyOf(uscc: string, steps: readonly Step[], start: number): IntegrationEvent[] {
  let t = start;
  let n = 0;
  const at = () => new Date(t).toISOString();
  const events: IntegrationEvent[] = [subjectRegistered(uscc, `主体${uscc.slice(-8)}`, at())];
  const records: Tracked[] = [];
  const live = () => records.filter((r) => r.status === 'published');
  for (const s of steps) {
    t += s.gapMinutes * 60_000;
    n++;
    const candidates = live();
    const target = candidates.length > 0 ? candidates[s.pick % candidates.length]! : undefined;
    switch (s.op) {
      case 'publish': {
        const severity: Severity = (['light', 'general', 'serious'] as const)[s.pick % 3]!;
        const spec: RecordSpec = {
          recordId: `${uscc}-r${n}`,
          uscc,
          kind: s.flag ? 'administrative_penalty' : 'administrative_license',
          severity: s.flag ? severity : null,
          sharingClass: SHARING_CLASSES[s.cls % 3] as SharingClass,
          providerOrg: s.pick % 2 === 0 ? 'sz-market' : 'sz-tax',
          // Publicity may start a little before the publication is recorded, and may end within the window.
          publicFrom: new Date(t - (s.pick % 3) * 3_600_000).toISOString(),
          publicUntil: s.days % 4 === 0 ? null : new Date(t + s.days * 86_400_000).toISOString(),
        };
        records.push({ spec, status: 'published', objection: null, repair: null });
        events.push(recordPublished(spec, at()));
        break;
      }
      case 'correct':
        if (!target) break;
        target.spec = { ...target.spec, version: (target.spec.version ?? 1) + 1, content: `更正后的内容 ${n}` };
        events.push(recordCorrected({ ...target.spec, disputed: target.objection !== null }, '原记录金额有误', at()));
        break;
      case 'file':
        if (!target || target.objection) break;
        target.objection = `${uscc}-o${n}`;
        events.push(objectionFiled(target.spec, target.objection, at()));
        break;
      case 'decide': {
        const pending = records.find((r) => r.objection && r.status === 'published');
        if (!pending) break;
        const id = pending.objection!;
        pending.objection = null;
        if (!s.flag) events.push(objectionDecided(pending.spec, id, 'rejected', at()));
        else if (s.pick % 2 === 0) {
          pending.spec = { ...pending.spec, version: (pending.spec.version ?? 1) + 1, content: `异议成立后更正 ${n}` };
          events.push(
            recordCorrected(pending.spec, '异议成立', at()),
            objectionDecided(pending.spec, id, 'upheld', at(), 'corrected'),
          );
        } else {
          pending.status = 'withdrawn';
          events.push(recordWithdrawn(pending.spec, at(), id), objectionDecided(pending.spec, id, 'upheld', at(), 'withdrawn'));
        }
        break;
      }
      case 'repair':
        if (!target || target.repair) break;
        target.repair = `${uscc}-p${n}`;
        events.push(repairApplied(target.spec, target.repair, at()));
        break;
      case 'decideRepair': {
        const pending = records.find((r) => r.repair && r.status === 'published');
        if (!pending) break;
        const id = pending.repair!;
        pending.repair = null;
        if (s.flag) {
          pending.status = 'repaired';
          events.push(repairDecided(pending.spec, id, 'approved', at()), recordRepaired(pending.spec, id, at()));
        } else events.push(repairDecided(pending.spec, id, 'rejected', at()));
        break;
      }
      case 'withdraw':
        if (!target || target.objection) break;
        target.status = 'withdrawn';
        events.push(recordWithdrawn(target.spec, at()));
        break;
      case 'expire':
        if (!target || target.objection) break;
        target.status = 'expired';
        events.push(recordExpired(target.spec, at()));
        break;
      case 'grade':
        events.push(
          gradeChanged(
            uscc,
            (['A', 'B', 'C', 'D'] as const)[s.pick % 4]!,
            100 - 15 * live().length,
            at(),
            live().map((r) => ({ recordId: r.spec.recordId, rule: 'penalty.general', points: -15 })),
          ),
        );
        break;
    }
  }
  return events;
}

const step = fc.record({
  op: fc.constantFrom(...OPS),
  pick: fc.nat({ max: 1000 }),
  gapMinutes: fc.integer({ min: 0, max: 14 * 24 * 60 }),
  flag: fc.boolean(),
  cls: fc.nat({ max: 2 }),
  days: fc.integer({ min: 1, max: 400 }),
});

describe('asOf equals a from-scratch fold of the history up to the instant (property, real PostgreSQL)', () => {
  let t: TestApp;
  let regulator: string;
  let subjectCount = 1_000;
  const viewer = { kind: 'organization' as const, org: 'sz-market', classes: [...SHARING_CLASSES] };

  const deliver = async (events: IntegrationEvent[]) => {
    // In the order they happened, consecutive events of one producer in one batch (as a relay would send them).
    for (let i = 0; i < events.length;) {
      let j = i + 1;
      while (j < events.length && events[j]!.producer === events[i]!.producer) j++;
      const chunk = events.slice(i, j);
      await t
        .runtime('credit-profiles')
        .consumers.handle({ topic: messageOf(chunk[0]!).topic, partition: 0, messages: chunk.map(messageOf) });
      i = j;
    }
  };
  const profile = async (uscc: string, asOf?: string) => {
    const response = await fetch(`${t.url}/api/v1/profiles/${uscc}?purpose=inspection${asOf ? `&asOf=${asOf}` : ''}`, {
      headers: { authorization: `Bearer ${regulator}` },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditProfilesModule.forRoot({ serveDirectoryCopy: false })] });
    await deliver([
      organizationRegistered({
        id: 'sz-market',
        name: '深圳市市场监督管理局',
        type: 'government_department',
        uscc: '11440300007542058Q',
        sharingClasses: [...SHARING_CLASSES],
      }),
    ]);
    regulator = await t.token({ org: 'sz-market', roles: ['regulator'] });
  });
  afterAll(() => t.close());

  it('holds for random subjects, histories and instants, across corrections, objections and repairs', async () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 3, maxLength: 30 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 6 }),
        async (subjects, fractions) => {
          const histories = subjects.map((steps) => {
            const uscc = usccOf(subjectCount++);
            return { uscc, events: historyOf(uscc, steps, start) };
          });
          await deliver(histories.flatMap((h) => h.events).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)));
          for (const { uscc, events } of histories) {
            const times = events.map((e) => Date.parse(e.occurredAt));
            const last = Math.max(...times);
            // Instants anywhere in the history, and exactly at some event (the boundary is inclusive).
            const instants = [
              ...fractions.map((f) => Math.floor(start + f * (last - start + 86_400_000))),
              times[Math.floor(fractions[0]! * times.length)]!,
            ].filter((i) => i <= Date.now());
            for (const instant of instants) {
              const expected = viewProfile(profileAsOf(uscc, events, instant), instant, viewer);
              const { status, body } = await profile(uscc, new Date(instant).toISOString());
              if (instant < Date.parse(events[0]!.occurredAt)) expect(status).toBe(404);
              else expect([status, body]).toEqual([200, JSON.parse(JSON.stringify(expected))]);
            }
            // The live read model agrees with the fold of everything (viewed at one instant for both).
            const now = Date.now();
            const whole = viewProfile(profileAsOf(uscc, events, now), now, viewer);
            const { body } = await profile(uscc);
            expect({ ...(body as object), asOf: whole.asOf }).toEqual(JSON.parse(JSON.stringify(whole)));
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
