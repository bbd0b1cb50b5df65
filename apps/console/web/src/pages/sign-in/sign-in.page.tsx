// Signing in. In development (AUTH_MODE=dev) the user picks an organisation and a role from the directory, or an
// enterprise by its USCC, and the platform's development issuer signs the token (POST /api/v1/dev/tokens). With an
// external issuer (AUTH_MODE=oidc) the user signs in there (session/oidc.ts).
import { useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../../../../../../libs/auth/src/principal';
import { createApi } from '../../api/client';
import { ApiError, fieldErrorsOf, type FieldError } from '../../api/problem';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { fieldErrorMessage, problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { useI18n } from '../../i18n/i18n';
import { beginSignIn, completeSignIn, isCallback } from '../../session/oidc';
import { sessionFromToken, type Session } from '../../session/session';
import type { ConsoleSettings } from '../../session/settings';

interface DirectoryEntry {
  id: string;
  name: string;
  type: string;
  roles: Role[];
}

const api = createApi(
  () => undefined,
  () => undefined,
);

export function SignInPage({
  settings,
  notice,
  onSignedIn,
}: {
  settings: ConsoleSettings;
  notice?: string;
  onSignedIn(session: Session): void;
}) {
  const { t } = useI18n();
  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <h1 id="page-title">{t('signIn.title')}</h1>
      <Notice kind="info">{notice}</Notice>
      {settings.authMode === 'dev' ? (
        <DevelopmentSignIn onSignedIn={onSignedIn} />
      ) : (
        <OidcSignIn client={settings.oidc} onSignedIn={onSignedIn} />
      )}
    </main>
  );
}

function DevelopmentSignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [directory, setDirectory] = useState<DirectoryEntry[]>();
  const [as, setAs] = useState<'organization' | 'subject'>('organization');
  const [org, setOrg] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [uscc, setUscc] = useState('');
  const [usccTouched, setUsccTouched] = useState(false);
  const [errors, setErrors] = useState<Map<string, FieldError[]>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<DirectoryEntry[]>('/api/v1/dev/organizations').then(
      (entries) => {
        setDirectory(entries);
        setOrg(entries[0]?.id ?? '');
        setRole(entries[0]?.roles[0] ?? '');
      },
      (error: unknown) => setFailure(error),
    );
  }, []);

  const selected = directory?.find((d) => d.id === org);
  const usccProblem = checkUscc(uscc);
  const showUscc = uscc !== '' && usccProblem !== null && (usccTouched || usccProblem.code !== 'LENGTH');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setUsccTouched(true);
    if (as === 'subject' && (uscc.trim() === '' || usccProblem)) {
      document.getElementById('sign-in-uscc')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const body = as === 'subject' ? { role: 'subject', subject: uscc } : { role, org };
      const { token } = await api.post<{ token: string }>('/api/v1/dev/tokens', body);
      onSignedIn(sessionFromToken(token, as === 'subject' ? undefined : selected?.name));
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrorsOf(error.problem) : new Map<string, FieldError[]>();
      setErrors(byField);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel sign-in__panel" aria-labelledby="page-title">
      <p>{t('signIn.devIntro')}</p>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {directory ? (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <fieldset className="choice">
            <legend>{t('signIn.as')}</legend>
            {(['organization', 'subject'] as const).map((value) => (
              <label key={value} className="checkbox">
                <input type="radio" name="sign-in-as" value={value} checked={as === value} onChange={() => setAs(value)} />
                <span>{t(`signIn.as.${value}`)}</span>
              </label>
            ))}
          </fieldset>
          {as === 'organization' ? (
            <>
              <SelectField
                id="sign-in-org"
                label={t('signIn.organization')}
                value={org}
                options={directory.map((d) => ({ value: d.id, label: `${d.name}（${d.id}）`, data: true }))}
                onChange={(id) => {
                  setOrg(id);
                  setRole(directory.find((d) => d.id === id)?.roles[0] ?? '');
                }}
                error={fieldErrorMessage(i18n, errors.get('org'))}
              />
              <SelectField
                id="sign-in-role"
                label={t('signIn.role')}
                value={role}
                options={(selected?.roles ?? []).filter((r) => r !== 'subject').map((r) => ({ value: r, label: t(`role.${r}`) }))}
                onChange={(r) => setRole(r as Role)}
                error={fieldErrorMessage(i18n, errors.get('role'))}
              />
            </>
          ) : (
            <TextField
              id="sign-in-uscc"
              label={t('signIn.uscc')}
              required
              value={uscc}
              spellCheck={false}
              maxLength={40}
              onChange={(v) => {
                setUscc(v);
                setErrors(new Map());
              }}
              onBlur={() => setUsccTouched(true)}
              error={
                usccTouched && uscc.trim() === ''
                  ? t('error.required')
                  : showUscc
                    ? usccMessage(i18n, usccProblem!)
                    : fieldErrorMessage(i18n, errors.get('subject'))
              }
            />
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('signIn.working') : t('signIn.submit')}
            </button>
          </div>
        </form>
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}

let callbackTaken = false;

function OidcSignIn({
  client,
  onSignedIn,
}: {
  client: Extract<ConsoleSettings, { authMode: 'oidc' }>['oidc'];
  onSignedIn(session: Session): void;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The code can be exchanged once: a second run of this effect (React's development double-invocation) must not try.
    if (!client || !isCallback(window.location.search) || callbackTaken) return;
    callbackTaken = true;
    setBusy(true);
    completeSignIn(client, window.location.search).then(
      (token) => {
        window.history.replaceState(null, '', '/#/home');
        onSignedIn(sessionFromToken(token));
      },
      () => {
        window.history.replaceState(null, '', '/');
        setFailed(true);
        setBusy(false);
      },
    );
  }, [client, onSignedIn]);

  if (!client) {
    return <Notice kind="error">{t('signIn.oidcNotConfigured')}</Notice>;
  }
  return (
    <section className="panel sign-in__panel" aria-labelledby="page-title">
      <p>{t('signIn.oidcIntro')}</p>
      <Notice kind="error">{failed ? t('signIn.oidcFailed') : null}</Notice>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            beginSignIn(client).catch(() => {
              setFailed(true);
              setBusy(false);
            });
          }}
        >
          {busy ? t('signIn.working') : t('signIn.oidcSubmit')}
        </button>
      </div>
    </section>
  );
}
