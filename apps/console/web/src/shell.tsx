// The frame around every page: a skip link, the header (who is signed in, the language switch, signing out), the
// menu of the pages the user's roles may use, and the page itself.
import { useMemo, type MouseEvent } from 'react';
import { createApi } from './api/client';
import { Notice } from './forms/fields';
import { Data, useI18n } from './i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, LANGUAGES } from './i18n/messages';
import { pagesFor } from './pages/registry';
import { hrefOf, useHashPage } from './routing';
import type { Session } from './session/session';

export function Header({ session, onSignOut }: { session?: Session; onSignOut?(): void }) {
  const i18n = useI18n();
  const { t, language, setLanguage } = i18n;
  const other = LANGUAGES.find((l) => l !== language)!;
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('shell.skipToContent')}
      </a>
      <p className="top-bar__title">{t('app.title')}</p>
      <div className="top-bar__tools">
        {session ? (
          <p className="top-bar__who">
            <span className="visually-hidden">{t('shell.signedInAs')} </span>
            <Data>{session.organizationName ?? session.org}</Data>
            {' · '}
            {i18n.list(session.roles.map((r) => t(`role.${r}`)))}
          </p>
        ) : null}
        {/* The switch names the other language in that language (WCAG 3.1.2), and says what it does in this one. */}
        <button type="button" className="top-bar__button" onClick={() => setLanguage(other)} aria-describedby="language-label">
          <span lang={LANGUAGE_TAGS[other]}>{LANGUAGE_NAMES[other]}</span>
        </button>
        <span id="language-label" className="visually-hidden">
          {t('shell.language')}
        </span>
        {session && onSignOut ? (
          <button type="button" className="top-bar__button" onClick={onSignOut}>
            {t('shell.signOut')}
          </button>
        ) : null}
      </div>
    </header>
  );
}

function skipToMain(event: MouseEvent) {
  // The pages live in the URL fragment, so the skip link moves the focus instead of changing the fragment.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function Shell({ session, onSignOut, onUnauthorized }: { session: Session; onSignOut(): void; onUnauthorized(): void }) {
  const { t } = useI18n();
  const api = useMemo(() => createApi(() => session.token, onUnauthorized), [session.token, onUnauthorized]);
  const pages = pagesFor(session.roles);
  const requested = useHashPage();
  const page = pages.find((p) => p.id === requested) ?? pages[0];
  if (!page) {
    // A token of the issuer that carries none of the platform's roles.
    return (
      <>
        <Header session={session} onSignOut={onSignOut} />
        <main id="main" tabIndex={-1} className="sign-in">
          <Notice kind="error">{t('shell.noRoles')}</Notice>
        </main>
      </>
    );
  }
  const Page = page.component;
  return (
    <>
      <Header session={session} onSignOut={onSignOut} />
      <div className="layout">
        <nav aria-label={t('shell.navigation')} className="side-nav">
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <a href={hrefOf(p.id)} aria-current={p.id === page.id ? 'page' : undefined}>
                  {t(p.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="content">
          <Page key={page.id} session={session} api={api} menu={pages} />
        </main>
      </div>
    </>
  );
}
