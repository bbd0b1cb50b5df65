import { asOfInstant, openNotices, STAFF_PURPOSES, subjectLookup, timeline, type ProfileView } from './profile';

const record = (id: string, decisionDate: string): ProfileView['records'][number] => ({
  id,
  kind: 'administrative_penalty',
  subject: { uscc: '91440300MA5FXT4K8N', name: '甲' },
  status: 'published',
  disputed: false,
  version: 1,
  details: { decisionDocumentNumber: id, content: '', decisionDate },
});

describe('profile helpers', () => {
  it('takes the end of the picked day in China Standard Time as the "as of" instant', () => {
    expect(asOfInstant('2026-03-01')).toBe('2026-03-01T15:59:59.999Z');
    expect(asOfInstant('')).toBeUndefined();
    expect(asOfInstant('2026-3-1')).toBeUndefined();
  });

  it('orders the timeline newest first', () => {
    expect(timeline([record('a', '2025-01-02'), record('b', '2026-05-01'), record('c', '2025-01-02')]).map((r) => r.id)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('lists the notices still in their statement window', () => {
    const listings = [
      { id: '1', uscc: 'x', listType: 'serious_dishonesty', status: 'noticed' },
      { id: '2', uscc: 'x', listType: 'serious_dishonesty', status: 'noticed', waivedAt: '2026-11-20T00:00:00Z' },
      { id: '3', uscc: 'x', listType: 'red', status: 'listed' },
    ];
    expect(openNotices(listings).map((l) => l.id)).toEqual(['1']);
  });

  it('offers staff every purpose but the self-service one', () => {
    expect(STAFF_PURPOSES).not.toContain('subject_self_service');
    expect(STAFF_PURPOSES).toContain('administrative_licensing');
  });

  it('sends a USCC-shaped input straight to the profile and anything else to the name search', () => {
    expect(subjectLookup(' 9144 0300 ma5f xt4k 8n ')).toEqual({ kind: 'uscc', uscc: '91440300MA5FXT4K8N' });
    // A USCC with a wrong check character is still USCC-shaped: the form says what is wrong with it.
    expect(subjectLookup('91440300MA5FXT4K8A')).toEqual({ kind: 'uscc', uscc: '91440300MA5FXT4K8A' });
    expect(subjectLookup(' 宝安电子 ')).toEqual({ kind: 'name', name: '宝安电子' });
    expect(subjectLookup('91440300MA5FXT4K8')).toEqual({ kind: 'name', name: '91440300MA5FXT4K8' });
    expect(subjectLookup('宝')).toEqual({ kind: 'tooShort' });
    expect(subjectLookup('  ')).toEqual({ kind: 'empty' });
  });
});
