// The alert inbox's state (PRODUCT.md §4 alert shape): the list from GET /alerts merged with the live feed of
// GET /alerts/stream, whose events carry `{seq, event, alert}`. Pure, unit-tested.

export interface AlertView {
  id: string;
  uscc: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: 'apply' | 'release';
  status: 'open' | 'acknowledged' | 'closed' | 'overdue';
  dueAt: string;
  listType?: string;
  issuedAt?: string;
  acknowledgedAt?: string | null;
  outcome?: string | null;
  reason?: string | null;
  closedAt?: string | null;
}

export interface FeedEvent {
  seq?: number;
  event?: string;
  alert?: AlertView;
}

/** The feed event's alert, from the event's data (JSON), or undefined when it carries none. */
export function alertOfFeedData(data: string): AlertView | undefined {
  try {
    const parsed = JSON.parse(data) as FeedEvent & Partial<AlertView>;
    if (parsed.alert && typeof parsed.alert.id === 'string') return parsed.alert;
    if (typeof parsed.id === 'string' && typeof parsed.status === 'string') return parsed as AlertView;
  } catch {
    // Not JSON: nothing to merge.
  }
  return undefined;
}

/** Inserts or replaces the alert; newest issued first, with the alerts still to act on before the closed ones. */
export function mergeAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  const others = alerts.filter((a) => a.id !== alert.id);
  return sortAlerts([...others, alert]);
}

const rank = (a: AlertView) => (a.status === 'overdue' ? 0 : a.status === 'open' ? 1 : a.status === 'acknowledged' ? 2 : 3);

export function sortAlerts(alerts: readonly AlertView[]): AlertView[] {
  return [...alerts].sort(
    (a, b) => rank(a) - rank(b) || (b.issuedAt ?? '').localeCompare(a.issuedAt ?? '') || a.id.localeCompare(b.id),
  );
}

/** What the enforcement team can do next with an alert. */
export function nextStep(alert: AlertView): 'acknowledge' | 'feedback' | 'none' {
  if (alert.status === 'closed') return 'none';
  return alert.acknowledgedAt ? 'feedback' : alert.status === 'acknowledged' ? 'feedback' : 'acknowledge';
}
