// Data quality (GET /api/v1/data-quality): a provider sees its own figures, the operator every provider's —
// accepted and rejected rows, why rows were rejected, and whether records arrive within 7 working days.
import { useCallback } from 'react';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { BarChart, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { acceptanceRate, qualityRows, rejectionsByCode, type QualityRow } from './data-quality';

export function DataQualityPage({ api }: PageProps) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('quality.title')}</PageTitle>
      <DataQualityPanels api={api} />
    </>
  );
}

export function DataQualityPanels({ api }: Pick<PageProps, 'api'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const load = useCallback(async () => qualityRows(await api.get('/api/v1/data-quality')), [api]);
  const { data: rows, failure } = useLoad(load);
  const codeLabel = (code: string) => (i18n.has(`error.${code}`) ? `${code}` : code);
  if (failure !== undefined) return <Notice kind="error">{problemMessage(i18n, failure)}</Notice>;
  if (!rows) return <p role="status">{t('common.loading')}</p>;
  const rate = (row: QualityRow) => {
    const r = acceptanceRate(row);
    return r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
  };
  return (
    <>
      <section className="panel" aria-labelledby="quality-caption">
        <div className="table-frame">
          <table>
            <caption id="quality-caption">{t('quality.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('quality.col.org')}</th>
                <th scope="col">{t('quality.col.accepted')}</th>
                <th scope="col">{t('quality.col.rejected')}</th>
                <th scope="col">{t('quality.col.rate')}</th>
                <th scope="col">{t('quality.col.onTime')}</th>
                <th scope="col">{t('quality.col.late')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.org} data-org={row.org}>
                  <th scope="row">
                    <Data>{row.org}</Data>
                  </th>
                  <td className="number">{i18n.number(row.accepted)}</td>
                  <td className="number">{i18n.number(row.rejected)}</td>
                  <td className="number" translate="no">
                    {rate(row)}
                  </td>
                  <td className="number">{row.onTime === undefined ? '—' : i18n.number(row.onTime)}</td>
                  <td className="number">{row.late === undefined ? '—' : i18n.number(row.late)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel charts" aria-label={t('quality.charts')}>
        <BarChart
          title={t('quality.chart.accepted')}
          tone="ok"
          items={rows.map((r) => ({ label: r.org, value: r.accepted, data: true }))}
        />
        <BarChart
          title={t('quality.chart.byCode')}
          tone="bad"
          items={rejectionsByCode(rows).map((c) => ({ label: codeLabel(c.code), value: c.count, data: true }))}
        />
      </section>
    </>
  );
}
