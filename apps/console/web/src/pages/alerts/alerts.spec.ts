import { alertOfFeedData, mergeAlert, nextStep, type AlertView } from './alerts';

const alert = (id: string, status: AlertView['status'], issuedAt: string, acknowledgedAt: string | null = null): AlertView => ({
  id,
  uscc: '91440300MA5FXT4K8N',
  listingId: 'l-1',
  measureId: 'm-1',
  org: 'sz-amr',
  kind: 'apply',
  status,
  dueAt: '2026-11-27T15:59:59.999Z',
  issuedAt,
  acknowledgedAt,
});

describe('alert inbox', () => {
  it("reads the feed's {seq, event, alert} data, or a bare alert", () => {
    const a = alert('a', 'open', '2026-11-26T01:00:00Z');
    expect(alertOfFeedData(JSON.stringify({ seq: 3, event: 'alert.issued', alert: a }))).toEqual(a);
    expect(alertOfFeedData(JSON.stringify(a))).toEqual(a);
    expect(alertOfFeedData('not json')).toBeUndefined();
    expect(alertOfFeedData('{"seq":1}')).toBeUndefined();
  });

  it('replaces an alert by id and keeps overdue, then open, then acknowledged, then closed, newest first', () => {
    let alerts: AlertView[] = [];
    alerts = mergeAlert(alerts, alert('a', 'open', '2026-11-26T01:00:00Z'));
    alerts = mergeAlert(alerts, alert('b', 'open', '2026-11-26T02:00:00Z'));
    alerts = mergeAlert(alerts, alert('c', 'closed', '2026-11-26T03:00:00Z'));
    alerts = mergeAlert(alerts, alert('d', 'overdue', '2026-11-25T03:00:00Z'));
    expect(alerts.map((a) => a.id)).toEqual(['d', 'b', 'a', 'c']);
    alerts = mergeAlert(alerts, alert('b', 'acknowledged', '2026-11-26T02:00:00Z', '2026-11-26T02:05:00Z'));
    expect(alerts.map((a) => `${a.id}:${a.status}`)).toEqual(['d:overdue', 'a:open', 'b:acknowledged', 'c:closed']);
  });

  it('asks for an acknowledgement first, then the feedback', () => {
    expect(nextStep(alert('a', 'open', ''))).toBe('acknowledge');
    expect(nextStep(alert('a', 'overdue', ''))).toBe('acknowledge');
    expect(nextStep(alert('a', 'overdue', '', '2026-11-26T02:05:00Z'))).toBe('feedback');
    expect(nextStep(alert('a', 'acknowledged', '', '2026-11-26T02:05:00Z'))).toBe('feedback');
    expect(nextStep(alert('a', 'closed', '', '2026-11-26T02:05:00Z'))).toBe('none');
  });
});
