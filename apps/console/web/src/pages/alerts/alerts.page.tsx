// The enforcement team's alert inbox: the organisation's alerts (GET /api/v1/alerts), updated live from the alert
// stream (GET /api/v1/alerts/stream, server-sent events read with fetch so the bearer token stays in a header),
// overdue ones highlighted; acknowledge with one click, close with feedback with the next (outcome `applied` and a
// stock reason preselected, changeable); a release alert is confirmed the same way.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Api } from '../../api/client';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, DateTime, Due, itemsOf } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { alertOfFeedData, mergeAlert, nextStep, sortAlerts, type AlertView } from './alerts';

const OUTCOMES = ['applied', 'not_applicable', 'deferred'] as const;
type Outcome = (typeof OUTCOMES)[number];

export function AlertsPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [alerts, setAlerts] = useState<AlertView[]>();
  const [measures, setMeasures] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [connected, setConnected] = useState(false);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState<AlertView>();
  const mayAct = session.roles.includes('enforcer');

  useEffect(() => {
    let current = true;
    api.get<unknown>('/api/v1/alerts').then(
      (answer) => current && setAlerts((live) => itemsOf<AlertView>(answer, 'alerts').reduce(mergeAlert, sortAlerts(live ?? []))),
      (error: unknown) => current && setFailure(error),
    );
    api.get<unknown>('/api/v1/measures').then(
      (answer) =>
        current &&
        setMeasures(
          new Map(
            itemsOf<{ id?: string; measureId?: string; content: string }>(answer, 'measures').map((m) => [
              m.id ?? m.measureId ?? '',
              m.content,
            ]),
          ),
        ),
      () => undefined,
    );
    const stop = api.stream('/api/v1/alerts/stream', {
      onState: setConnected,
      onEvent: (event) => {
        const alert = event.data ? alertOfFeedData(event.data) : undefined;
        if (!alert) return;
        setAlerts((list) => {
          const known = list?.some((a) => a.id === alert.id);
          if (!known) {
            setFresh((f) => new Set([...f, alert.id]));
            setAnnouncement(alert);
          }
          return mergeAlert(list ?? [], alert);
        });
      },
    });
    return () => {
      current = false;
      stop();
    };
  }, [api]);

  const update = useCallback((alert: AlertView) => setAlerts((list) => mergeAlert(list ?? [], alert)), []);
  const open = useMemo(() => (alerts ?? []).filter((a) => a.status !== 'closed').length, [alerts]);
  const overdue = useMemo(() => (alerts ?? []).filter((a) => a.status === 'overdue').length, [alerts]);

  return (
    <>
      <PageTitle>{t('alerts.title')}</PageTitle>
      <p className="toolbar">
        <Badge tone={connected ? 'ok' : 'quiet'}>{connected ? t('alerts.live') : t('alerts.connecting')}</Badge>
        <span>{t('alerts.openCount', { count: open })}</span>
        {overdue > 0 ? <Badge tone="bad">{t('alerts.overdueCount', { count: overdue })}</Badge> : null}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement
          ? i18n.rich('alerts.arrived', {
              what: (
                <>
                  <Code prefix="alertKind" code={announcement.kind} /> <Data>{announcement.uscc}</Data>
                </>
              ),
            })
          : null}
      </p>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {alerts ? (
        alerts.length === 0 ? (
          <p className="panel muted">{t('alerts.none')}</p>
        ) : (
          <section className="panel" aria-labelledby="alerts-caption">
            <div className="table-frame">
              <table className="alerts">
                <caption id="alerts-caption">{t('alerts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.col.subject')}</th>
                    <th scope="col">{t('alerts.col.measure')}</th>
                    <th scope="col">{t('alerts.col.status')}</th>
                    <th scope="col">{t('alerts.col.due')}</th>
                    {mayAct ? <th scope="col">{t('orgs.col.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {alerts.map((a) => (
                    <tr
                      key={a.id}
                      data-alert={a.id}
                      className={
                        [a.status === 'overdue' ? 'overdue' : '', fresh.has(a.id) ? 'fresh' : ''].join(' ').trim() || undefined
                      }
                    >
                      <th scope="row">
                        <Data>{a.uscc}</Data>
                        <br />
                        <span className="muted">
                          <Code prefix="listType" code={a.listType} />
                        </span>
                      </th>
                      <td>
                        <Badge tone={a.kind === 'release' ? 'ok' : 'info'}>
                          <Code prefix="alertKind" code={a.kind} />
                        </Badge>{' '}
                        <Data>{measures.get(a.measureId) ?? a.measureId}</Data>
                        {a.org !== session.org ? (
                          <>
                            <br />
                            <span className="muted">
                              <Data>{a.org}</Data>
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        <Badge tone={a.status === 'overdue' ? 'bad' : a.status === 'closed' ? 'quiet' : 'info'}>
                          <Code prefix="alertStatus" code={a.status} />
                        </Badge>
                        {a.outcome ? (
                          <>
                            <br />
                            <Code prefix="outcome" code={a.outcome} />
                          </>
                        ) : null}
                      </td>
                      <td>{a.status === 'closed' ? <DateTime value={a.closedAt} /> : <Due at={a.dueAt} />}</td>
                      {mayAct ? (
                        <td>
                          <AlertActions api={api} alert={a} onChanged={update} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
    </>
  );
}

function AlertActions({ api, alert, onChanged }: { api: Api; alert: AlertView; onChanged(alert: AlertView): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [outcome, setOutcome] = useState<Outcome>('applied');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const step = nextStep(alert);
  const path = `/api/v1/alerts/${encodeURIComponent(alert.id)}`;
  const defaultReason = alert.kind === 'release' ? t('alerts.reason.released') : t(`alerts.reason.${outcome}`);
  const run = async (call: () => Promise<AlertView | undefined>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await call();
      if (answer && typeof answer.id === 'string') onChanged(answer);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  if (step === 'none') return null;
  const reasonId = `alert-${alert.id}-reason`;
  return (
    <div className="alert-actions">
      {failure !== undefined ? (
        <p className="field-error" role="alert">
          {problemMessage(i18n, failure)}
        </p>
      ) : null}
      {step === 'acknowledge' ? (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run(() => api.post<AlertView>(`${path}/acknowledgement`, {}))}
        >
          {t('alerts.acknowledge')}
          <span className="visually-hidden">
            {' '}
            <Data>{alert.uscc}</Data>
          </span>
        </button>
      ) : (
        <form
          className="feedback"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              api.post<AlertView>(`${path}/feedback`, {
                outcome: alert.kind === 'release' ? 'applied' : outcome,
                reason: reason.trim() || defaultReason,
              }),
            );
          }}
        >
          {alert.kind === 'release' ? null : (
            <fieldset className="choice choice--inline">
              <legend>{t('alerts.outcome')}</legend>
              {OUTCOMES.map((o) => (
                <label key={o} className="checkbox">
                  <input
                    type="radio"
                    name={`alert-${alert.id}-outcome`}
                    value={o}
                    checked={outcome === o}
                    onChange={() => setOutcome(o)}
                  />
                  <span>{t(`outcome.${o}`)}</span>
                </label>
              ))}
            </fieldset>
          )}
          <label htmlFor={reasonId} className="visually-hidden">
            {t('decision.reason')}
          </label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            placeholder={defaultReason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            {alert.kind === 'release' ? t('alerts.confirmRelease') : t('alerts.sendFeedback')}
            <span className="visually-hidden">
              {' '}
              <Data>{alert.uscc}</Data>
            </span>
          </button>
        </form>
      )}
    </div>
  );
}
