import { checklistComplete, repairable, type OwnRecord } from './own-records';

const record = (status: string, repairableFrom: string | null): OwnRecord => ({
  id: 'r',
  kind: 'administrative_penalty',
  subject: { uscc: '91440300MA5FXT4K8N', name: '甲' },
  status,
  disputed: false,
  version: 1,
  repairableFrom,
});

describe("the subject's own records", () => {
  const now = new Date('2026-11-26T02:00:00Z');
  it('may be repaired once the minimum period is served, while in publicity', () => {
    expect(repairable(record('published', '2026-11-01T00:00:00Z'), now)).toBe(true);
    expect(repairable(record('published', '2027-01-01T00:00:00Z'), now)).toBe(false);
    expect(repairable(record('published', null), now)).toBe(false);
    expect(repairable(record('expired', '2026-11-01T00:00:00Z'), now)).toBe(false);
  });

  it('needs every checklist item ticked', () => {
    expect(checklistComplete(['a', 'b'], new Set(['a']))).toBe(false);
    expect(checklistComplete(['a', 'b'], new Set(['b', 'a']))).toBe(true);
  });
});
