import { viewProfile } from '../profile/profile.view';
import { evolveProfile, initialProfile } from '../profile/profile';
import { listingDecided, objectionFiled, recordPublished, subjectRegistered, usccOf } from '../profile/profile-events.fixture';
import {
  DISPUTED_MARK,
  REPORT_SECTIONS,
  canonicalJson,
  pdfTextLines,
  renderReportPdf,
  reportHash,
  reportNumberOf,
  reportSections,
  type CreditReport,
} from './credit-report';

const USCC = usccOf(3);
const penalty = { recordId: 'r-p', uscc: USCC, publicFrom: '2026-03-01T00:00:00Z' };
const court = { recordId: 'r-c', uscc: USCC, kind: 'court_enforcement', publicFrom: '2026-03-02T00:00:00Z' };
const honor = { recordId: 'r-h', uscc: USCC, kind: 'honor', severity: null, publicFrom: '2026-03-03T00:00:00Z' };

function report(): CreditReport {
  const state = [
    subjectRegistered(USCC, '示例科技有限公司', '2026-01-01T00:00:00Z'),
    recordPublished(penalty),
    recordPublished(court),
    recordPublished(honor),
    objectionFiled(penalty, 'o-1', '2026-04-01T00:00:00Z'),
    listingDecided(USCC, 'l-1', ['r-c'], '2026-04-02T00:00:00Z', '2029-04-02T00:00:00Z'),
  ].reduce(evolveProfile, initialProfile(USCC));
  const profile = viewProfile(state, Date.parse('2026-05-01T00:00:00Z'), {
    kind: 'organization',
    org: 'sz-market',
    classes: ['public'],
  });
  return {
    reportNumber: 'CSR-20260501-0123456789AB',
    generatedAt: '2026-05-01T00:00:00.000Z',
    purpose: 'inspection',
    viewerOrg: 'sz-market',
    profile,
  };
}

describe('credit report', () => {
  it('puts every record in its section, in the standard order, and marks the disputed one', () => {
    const sections = reportSections(report());
    expect(sections.map((s) => s.key)).toEqual(REPORT_SECTIONS.map((s) => s.key));
    const of = (key: string) => sections.find((s) => s.key === key)!.lines.join('\n');
    expect(of('administrative_management')).toContain(`${DISPUTED_MARK} [administrative_penalty]`);
    expect(of('judicial')).toContain('[court_enforcement]');
    expect(of('judicial')).not.toContain(DISPUTED_MARK);
    expect(of('honours')).toContain('[honor]');
    expect(of('serious_dishonesty_lists')).toContain('l-1');
    expect(of('commitments')).toBe('无 none');
    expect(of('other')).toContain('o-1');
  });

  it('renders a PDF whose text carries the sections in order, the number and the hash', () => {
    const r = report();
    const hash = reportHash(r);
    const pdf = renderReportPdf(r, hash);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toContain('/BaseFont /STSong-Light');
    // The cross-reference table points at every object.
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(5);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    const lines = pdfTextLines(pdf);
    const positions = REPORT_SECTIONS.map((s) => lines.indexOf(s.title));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect(lines.some((l) => l.includes(r.reportNumber))).toBe(true);
    expect(lines.some((l) => l.includes(hash))).toBe(true);
  });

  it('hashes the canonical JSON of what the report shows: any change, another hash', () => {
    const r = report();
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(reportHash(r)).toBe(reportHash(JSON.parse(JSON.stringify(r))));
    expect(reportHash({ ...r, purpose: 'enforcement' })).not.toBe(reportHash(r));
    expect(reportNumberOf('01930000-0000-7000-8000-0123456789ab', new Date('2026-05-01T00:00:00Z'))).toBe(
      'CSR-20260501-0123456789AB',
    );
  });
});
