// The console: signed out, the sign-in page; signed in, the shell with the pages of the user's roles.
import { useCallback, useState } from 'react';
import { I18nProvider, useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages';
import { SignInPage } from './pages/sign-in/sign-in.page';
import { loadSession, saveSession, type Session } from './session/session';
import { readSettings } from './session/settings';
import { Header, Shell } from './shell';

const settings = readSettings();

export function App() {
  return (
    <I18nProvider>
      <Console />
    </I18nProvider>
  );
}

function Console() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<MessageKey>();

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    setNotice(undefined);
    setSession(next);
    if (!window.location.hash) window.history.replaceState(null, '', '#/home');
  }, []);
  const signOut = useCallback((reason: MessageKey) => {
    saveSession(undefined);
    setSession(undefined);
    setNotice(reason);
  }, []);
  const onSignOut = useCallback(() => signOut('session.signedOut'), [signOut]);
  const onUnauthorized = useCallback(() => signOut('session.expired'), [signOut]);

  if (!session) {
    return (
      <>
        <Header />
        <SignInPage settings={settings} notice={notice ? t(notice) : undefined} onSignedIn={signIn} />
      </>
    );
  }
  return <Shell session={session} onSignOut={onSignOut} onUnauthorized={onUnauthorized} />;
}
