// The operator's dashboards: alert time limits per organisation (GET /api/v1/alerts/sla: open, overdue, residual
// restrictions) and the providers' data quality (GET /api/v1/data-quality), as tables and SVG bar charts.
import { useCallback } from 'react';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { BarChart, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { DataQualityPanels } from '../records/data-quality.page';

interface SlaRow {
  org: string;
  open: number;
  acknowledged: number;
  overdue: number;
  closed: number;
  residual: number;
  escalated: number;
}

const COLUMNS = ['open', 'acknowledged', 'overdue', 'closed', 'residual', 'escalated'] as const;

export function DashboardsPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const load = useCallback(async () => itemsOf<SlaRow>(await api.get('/api/v1/alerts/sla'), 'organizations'), [api]);
  const { data: sla, failure } = useLoad(load);
  return (
    <>
      <PageTitle>{t('dashboards.title')}</PageTitle>
      <h2>{t('dashboards.sla')}</h2>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {sla ? (
        <>
          <section className="panel" aria-labelledby="sla-caption">
            <div className="table-frame">
              <table>
                <caption id="sla-caption">{t('dashboards.slaCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('quality.col.org')}</th>
                    {COLUMNS.map((c) => (
                      <th scope="col" key={c}>
                        {t(`sla.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sla.map((row) => (
                    <tr key={row.org} className={row.overdue > 0 ? 'overdue' : undefined}>
                      <th scope="row">
                        <Data>{row.org}</Data>
                      </th>
                      {COLUMNS.map((c) => (
                        <td key={c} className="number">
                          {i18n.number(row[c] ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel charts" aria-label={t('quality.charts')}>
            <BarChart
              title={t('dashboards.chart.open')}
              items={sla.map((r) => ({ label: r.org, value: r.open + r.acknowledged, data: true }))}
            />
            <BarChart
              tone="bad"
              title={t('dashboards.chart.overdue')}
              items={sla.map((r) => ({ label: r.org, value: r.overdue, data: true }))}
            />
            <BarChart
              tone="warn"
              title={t('dashboards.chart.residual')}
              items={sla.map((r) => ({ label: r.org, value: r.residual, data: true }))}
            />
          </section>
        </>
      ) : null}
      <h2>{t('quality.title')}</h2>
      <DataQualityPanels api={api} />
    </>
  );
}
