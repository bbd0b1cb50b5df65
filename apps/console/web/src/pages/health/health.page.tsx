// The platform's readiness as GET /health reports it: every service's database and the transport between services.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { NetworkError } from '../../api/problem';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n, type I18n } from '../../i18n/i18n';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { describeCheck, isServiceName, summarizeHealth, type HealthCheckRow, type HealthSummary } from './health';

export function HealthPage(_: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [health, setHealth] = useState<{ summary: HealthSummary; at: Date } | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      // Public route; 503 still carries the report, naming what is down.
      let response: Response;
      try {
        response = await fetch('/health', { headers: { accept: 'application/json' } });
      } catch {
        throw new NetworkError('/health');
      }
      setHealth({ summary: summarizeHealth(await response.json()), at: new Date() });
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageTitle>{t('health.title')}</PageTitle>
      <Notice kind="error">{error ? problemMessage(i18n, error) : null}</Notice>
      <div className="toolbar">
        <button type="button" onClick={() => void load()} disabled={loading}>
          {t('health.refresh')}
        </button>
        {health ? (
          <p className="muted" role="status">
            {i18n.rich('health.checkedAt', {
              time: <time dateTime={health.at.toISOString()}>{i18n.dateTime(health.at)}</time>,
            })}
          </p>
        ) : null}
      </div>
      {health ? (
        <section className="panel" aria-labelledby="health-caption">
          <p className="overall">
            <span>{t('health.overall')}</span>{' '}
            <span className={health.summary.ok ? 'badge badge--ok' : 'badge badge--bad'}>
              {t(health.summary.ok ? 'health.status.ok' : 'health.status.degraded')}
            </span>
          </p>
          <div className="table-frame">
            <table>
              <caption id="health-caption">{t('health.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('health.col.check')}</th>
                  <th scope="col">{t('health.col.status')}</th>
                  <th scope="col">{t('health.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {health.summary.checks.map((check) => (
                  <tr key={`${check.service ?? ''}/${check.name}`}>
                    <th scope="row">{checkLabel(i18n, check)}</th>
                    <td>
                      <span className={check.up ? 'badge badge--ok' : 'badge badge--bad'}>
                        {t(check.up ? 'health.check.up' : 'health.check.down')}
                      </span>
                    </td>
                    <td>{check.error ? <Data lang="en">{check.error}</Data> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

function checkLabel(i18n: I18n, check: HealthCheckRow): ReactNode {
  const described = describeCheck(check.name);
  const label =
    described.kind === 'database' ? (
      i18n.t('health.database', { service: i18n.t(`service.${described.service}`) })
    ) : described.kind === 'service' ? (
      i18n.t('health.service', { service: i18n.t(`service.${described.service}`) })
    ) : described.kind === 'transport' ? (
      i18n.t('health.transport')
    ) : described.kind === 'ledger' ? (
      i18n.t('health.ledger')
    ) : (
      <Data>{check.name}</Data>
    );
  // Behind the gateway every service process reports its own transport: say whose it is.
  if (!check.service || described.kind === 'database' || described.kind === 'service' || described.kind === 'ledger')
    return label;
  const service = isServiceName(check.service) ? i18n.t(`service.${check.service}`) : <Data>{check.service}</Data>;
  return (
    <>
      {service} · {label}
    </>
  );
}
