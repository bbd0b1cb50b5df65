// A regulator looks a subject up by its USCC or by part of its name, for a stated purpose (no purpose, no answer:
// PRODUCT.md §3.7), as it stands now or as it stood on a past day. A USCC-shaped input opens the profile
// (GET /api/v1/profiles/{uscc}?purpose=&asOf=); a name lists the matching subjects (GET /api/v1/profiles?name=,
// identity only) to pick from, and the pick opens the profile with the same purpose.
import { useState, type FormEvent } from 'react';
import { query } from '../../api/client';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { Data, useI18n } from '../../i18n/i18n';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { asOfInstant, STAFF_PURPOSES, subjectLookup, type ProfileView, type SubjectMatch } from './profile';
import { ProfileSummary } from './profile-view';

export function ProfilesPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [subject, setSubject] = useState('');
  const [purpose, setPurpose] = useState('');
  const [day, setDay] = useState('');
  const [tried, setTried] = useState(false);
  const [profile, setProfile] = useState<ProfileView>();
  const [matches, setMatches] = useState<{ name: string; found: SubjectMatch[] }>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const lookup = subjectLookup(subject);
  const usccProblem = lookup.kind === 'uscc' ? checkUscc(lookup.uscc) : null;

  const open = async (uscc: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setProfile(
        await api.get<ProfileView>(`/api/v1/profiles/${encodeURIComponent(uscc)}${query({ purpose, asOf: asOfInstant(day) })}`),
      );
      setMatches(undefined);
    } catch (error) {
      setProfile(undefined);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (lookup.kind === 'empty' || lookup.kind === 'tooShort' || usccProblem || !purpose) return;
    if (lookup.kind === 'uscc') return open(lookup.uscc);
    setBusy(true);
    try {
      const found = await api.get<SubjectMatch[]>(`/api/v1/profiles${query({ name: lookup.name })}`);
      setProfile(undefined);
      setMatches({ name: lookup.name, found });
    } catch (error) {
      setMatches(undefined);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const subjectError =
    tried && lookup.kind === 'empty'
      ? t('error.required')
      : tried && lookup.kind === 'tooShort'
        ? t('profiles.nameTooShort')
        : usccProblem
          ? usccMessage(i18n, usccProblem)
          : undefined;

  return (
    <>
      <PageTitle>{t('profiles.title')}</PageTitle>
      <section className="panel" aria-labelledby="profiles-search">
        <h2 id="profiles-search">{t('profiles.search')}</h2>
        <p className="muted">{t('profiles.intro')}</p>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid form-grid--3" role="search">
          <TextField
            id="profiles-subject"
            label={t('profiles.subject')}
            hint={t('profiles.subjectHint')}
            required
            value={subject}
            spellCheck={false}
            maxLength={100}
            onChange={setSubject}
            error={subjectError}
          />
          <SelectField
            id="profiles-purpose"
            label={t('profiles.purpose')}
            required
            value={purpose}
            options={[
              { value: '', label: t('profiles.purposeChoose') },
              ...STAFF_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) })),
            ]}
            onChange={setPurpose}
            error={tried && !purpose ? t('profiles.purposeRequired') : undefined}
          />
          <TextField
            id="profiles-asOf"
            label={t('profiles.asOf')}
            hint={t('profiles.asOfHint')}
            type="date"
            value={day}
            onChange={setDay}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('common.loading') : t('profiles.submit')}
            </button>
          </div>
        </form>
      </section>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {matches ? (
        matches.found.length === 0 ? (
          <Notice kind="info">{t('profiles.noMatches', { name: matches.name })}</Notice>
        ) : (
          <section className="panel" aria-labelledby="profiles-matches" data-testid="profile-matches">
            <h2 id="profiles-matches">{t('profiles.matches')}</h2>
            <p className="muted">{t('profiles.matchesCount', { count: matches.found.length })}</p>
            <ul className="link-list">
              {matches.found.map((m) => (
                <li key={m.uscc} data-subject={m.uscc}>
                  <button type="button" disabled={busy} onClick={() => void open(m.uscc)}>
                    <Data>{m.name}</Data>{' '}
                    <span className="muted">
                      <Data>{m.uscc}</Data>
                    </span>
                    <span className="visually-hidden"> {t('profiles.open')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )
      ) : null}
      {profile ? <ProfileSummary profile={profile} /> : null}
    </>
  );
}
