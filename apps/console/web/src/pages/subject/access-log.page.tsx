// Who looked at a profile, when and why (GET /api/v1/profiles/{uscc}/access-log, entries {at, org, user, purpose,
// uscc}): the enterprise sees its own; an auditor any subject's.
import { useCallback, useState } from 'react';
import { Notice, TextField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, DateTime, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';

interface AccessEntry {
  at: string;
  org: string;
  user: string;
  purpose: string | null;
  uscc: string;
  query?: string;
  outcome?: string;
  organizationName?: string;
}

export function AccessLogPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const own = session.subject;
  const [input, setInput] = useState('');
  const [uscc, setUscc] = useState(own ?? '');
  const load = useCallback(
    async () =>
      uscc
        ? itemsOf<AccessEntry>(await api.get(`/api/v1/profiles/${encodeURIComponent(uscc)}/access-log`), 'entries')
        : undefined,
    [api, uscc],
  );
  const { data: entries, failure } = useLoad(uscc ? load : undefined);
  return (
    <>
      <PageTitle>{t('accessLog.title')}</PageTitle>
      <p className="muted">{t('accessLog.intro')}</p>
      {own ? null : (
        <form
          className="toolbar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setUscc(input.replace(/\s+/g, '').toUpperCase());
          }}
        >
          <TextField id="access-uscc" label={t('signIn.uscc')} value={input} onChange={setInput} spellCheck={false} />
          <button type="submit">{t('records.search')}</button>
        </form>
      )}
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {entries ? (
        <section className="panel" aria-labelledby="access-caption">
          <div className="table-frame">
            <table>
              <caption id="access-caption">
                {t('accessLog.caption')} <span className="muted">{t('records.count', { count: entries.length })}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('accessLog.col.at')}</th>
                  <th scope="col">{t('accessLog.col.org')}</th>
                  <th scope="col">{t('accessLog.col.user')}</th>
                  <th scope="col">{t('accessLog.col.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={`${e.at}-${i}`}>
                    <th scope="row">
                      <DateTime value={e.at} />
                    </th>
                    <td>
                      <Data>{e.organizationName ?? e.org}</Data>
                    </td>
                    <td>
                      <Data>{e.user}</Data>
                    </td>
                    <td>
                      {e.purpose ? (
                        <Code prefix="purpose" code={e.purpose} />
                      ) : (
                        <span className="muted">{t('accessLog.noPurpose')}</span>
                      )}
                      {e.outcome === 'denied' ? (
                        <>
                          {' '}
                          <Badge tone="bad">{t('accessLog.denied')}</Badge>
                        </>
                      ) : null}
                    </td>
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
