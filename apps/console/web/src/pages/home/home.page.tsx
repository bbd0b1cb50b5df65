// Where every user lands: who they are signed in as, what they can do here, and what their role will find once the
// services behind it land.
import { Data, useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { plannedFor } from '../planned';

export function HomePage({ session, menu }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const available = menu.filter((p) => p.id !== 'home');
  const planned = plannedFor(session.roles);
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <section aria-labelledby="home-identity" className="panel">
        <h2 id="home-identity">{t('home.identity')}</h2>
        <dl className="facts">
          <dt>{t('home.organization')}</dt>
          <dd>
            {session.organizationName ? (
              <>
                <Data>{session.organizationName}</Data>{' '}
                <span className="muted">
                  · <Data>{session.org}</Data>
                </span>
              </>
            ) : (
              <Data>{session.org}</Data>
            )}
          </dd>
          <dt>{t('home.role')}</dt>
          <dd>{i18n.list(session.roles.map((r) => t(`role.${r}`)))}</dd>
          {session.subject ? (
            <>
              <dt>{t('home.subject')}</dt>
              <dd>
                <Data>{session.subject}</Data>
              </dd>
            </>
          ) : null}
          <dt>{t('home.user')}</dt>
          <dd>
            <Data>{session.user}</Data>
          </dd>
          {session.expiresAt ? (
            <>
              <dt>{t('home.expires')}</dt>
              <dd>
                <time dateTime={new Date(session.expiresAt).toISOString()}>{i18n.dateTime(session.expiresAt)}</time>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="home-available" className="panel">
        <h2 id="home-available">{t('home.available')}</h2>
        <ul className="link-list">
          {available.map((page) => (
            <li key={page.id}>
              <a href={hrefOf(page.id)}>{t(page.title)}</a>
            </li>
          ))}
        </ul>
      </section>
      {planned.length > 0 ? (
        <section aria-labelledby="home-planned" className="panel panel--quiet">
          <h2 id="home-planned">{t('home.planned')}</h2>
          <p>{t('home.plannedNote')}</p>
          <ul className="planned-list">
            {planned.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
