// A regulator looks a subject up by its USCC for a stated purpose (no purpose, no answer: PRODUCT.md §3.7), as it
// stands now or as it stood on a past day (GET /api/v1/profiles/{uscc}?purpose=&asOf=).
import { useState, type FormEvent } from 'react';
import { query } from '../../api/client';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { useI18n } from '../../i18n/i18n';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { asOfInstant, STAFF_PURPOSES, type ProfileView } from './profile';
import { ProfileSummary } from './profile-view';

export function ProfilesPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [uscc, setUscc] = useState('');
  const [purpose, setPurpose] = useState('');
  const [day, setDay] = useState('');
  const [tried, setTried] = useState(false);
  const [profile, setProfile] = useState<ProfileView>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const usccProblem = uscc.trim() ? checkUscc(uscc) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!uscc.trim() || usccProblem || !purpose) return;
    setBusy(true);
    try {
      const normalised = uscc.replace(/\s+/g, '').toUpperCase();
      setProfile(
        await api.get<ProfileView>(
          `/api/v1/profiles/${encodeURIComponent(normalised)}${query({ purpose, asOf: asOfInstant(day) })}`,
        ),
      );
    } catch (error) {
      setProfile(undefined);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t('profiles.title')}</PageTitle>
      <section className="panel" aria-labelledby="profiles-search">
        <h2 id="profiles-search">{t('profiles.search')}</h2>
        <p className="muted">{t('profiles.intro')}</p>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid form-grid--3" role="search">
          <TextField
            id="profiles-uscc"
            label={t('signIn.uscc')}
            required
            value={uscc}
            spellCheck={false}
            maxLength={40}
            onChange={setUscc}
            error={
              tried && !uscc.trim()
                ? t('error.required')
                : usccProblem && (tried || usccProblem.code !== 'LENGTH')
                  ? usccMessage(i18n, usccProblem)
                  : undefined
            }
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
      {profile ? <ProfileSummary profile={profile} /> : null}
    </>
  );
}
