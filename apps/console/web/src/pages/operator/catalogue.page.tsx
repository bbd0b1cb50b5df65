// The credit information catalogue in force (GET /api/v1/catalogue): each item with its legal basis, publicity
// attribute, sharing class, retention and whether it is market credit information; the versions published so far.
import { useCallback, useState } from 'react';
import { query } from '../../api/client';
import { Notice, SelectField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';

interface CatalogueAnswer {
  version: number;
  effectiveFrom: string;
  note?: string;
  items: Array<{
    kind: string;
    nameZh?: string;
    legalBasis: string;
    publicity: string;
    sharingClass: string;
    retentionYears: number;
    marketCredit: boolean;
    adverse?: boolean;
    doublePublicity?: boolean;
  }>;
  versions?: Array<{ version: number; effectiveFrom: string; note?: string }>;
}

export function CataloguePage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [version, setVersion] = useState('');
  const load = useCallback(() => api.get<CatalogueAnswer>(`/api/v1/catalogue${query({ version })}`), [api, version]);
  const { data, failure } = useLoad(load);
  return (
    <>
      <PageTitle>{t('catalogue.title')}</PageTitle>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {data ? (
        <section className="panel" aria-labelledby="catalogue-caption">
          <div className="toolbar">
            <SelectField
              id="catalogue-version"
              label={t('catalogue.version')}
              value={version || String(data.version)}
              options={(data.versions ?? [{ version: data.version, effectiveFrom: data.effectiveFrom }]).map((v) => ({
                value: String(v.version),
                label: t('catalogue.versionOption', { version: v.version, from: i18n.date(v.effectiveFrom) }),
              }))}
              onChange={setVersion}
            />
          </div>
          <div className="table-frame">
            <table>
              <caption id="catalogue-caption">
                {t('catalogue.caption', { version: data.version, from: i18n.date(data.effectiveFrom) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalogue.col.kind')}</th>
                  <th scope="col">{t('catalogue.col.legalBasis')}</th>
                  <th scope="col">{t('catalogue.col.publicity')}</th>
                  <th scope="col">{t('catalogue.col.sharingClass')}</th>
                  <th scope="col">{t('catalogue.col.retention')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.kind}>
                    <th scope="row">
                      <Code prefix="kind" code={item.kind} />
                      <br />
                      <Badge tone={item.marketCredit ? 'warn' : 'info'}>
                        {item.marketCredit ? t('category.market_credit') : t('category.public_credit')}
                      </Badge>
                    </th>
                    <td>
                      <Data>{item.legalBasis}</Data>
                    </td>
                    <td>
                      <Code prefix="publicity" code={item.publicity} />
                    </td>
                    <td>
                      <Code prefix="sharing" code={item.sharingClass} />
                    </td>
                    <td className="number">{t('catalogue.years', { count: item.retentionYears })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
    </>
  );
}
