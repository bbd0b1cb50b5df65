// The enterprise's own credit profile (GET /api/v1/profiles/{own USCC}?purpose=subject_self_service), and the listing
// notices addressed to it: reasons, legal basis, what would follow, how to object, the statement window in working
// days, and the waiver of the window (POST /listings/{id}/waiver).
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../../api/client';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, Due, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { listingId, openNotices, type ListingView, type ProfileView } from '../profiles/profile';
import { ProfileSummary } from '../profiles/profile-view';

export function MyProfilePage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const uscc = session.subject ?? session.org;
  const load = useCallback(
    () => api.get<ProfileView>(`/api/v1/profiles/${encodeURIComponent(uscc)}?purpose=subject_self_service`),
    [api, uscc],
  );
  const { data: profile, failure, reload } = useLoad(load);
  const notices = profile ? openNotices(profile.listings) : [];
  return (
    <>
      <PageTitle>{t('myProfile.title')}</PageTitle>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {notices.length > 0 ? (
        <section className="panel panel--action" aria-labelledby="notices-title">
          <h2 id="notices-title">{t('notices.title')}</h2>
          {notices.map((n) => (
            <ListingNotice key={listingId(n)} api={api} listing={n} onChanged={reload} />
          ))}
        </section>
      ) : null}
      {profile ? <ProfileSummary profile={profile} /> : failure === undefined ? <p role="status">{t('common.loading')}</p> : null}
    </>
  );
}

function ListingNotice({ api, listing, onChanged }: { api: Api; listing: ListingView; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = listingId(listing);
  const [details, setDetails] = useState<ListingView>(listing);
  const [failure, setFailure] = useState<unknown>();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    // The notice's reasons, consequences and conditions come with the listing (at its top level or under `notice`).
    api.get<ListingView & { notice?: Partial<ListingView> }>(`/api/v1/listings/${encodeURIComponent(id)}`).then(
      (full) => setDetails({ ...listing, ...full, ...(full.notice ?? {}) }),
      () => undefined,
    );
  }, [api, id, listing]);
  const waive = async () => {
    try {
      const waived = await api.post<ListingView>(`/api/v1/listings/${encodeURIComponent(id)}/waiver`, {});
      setDetails((d) => ({ ...d, ...(waived ?? {}), waivedAt: waived?.waivedAt ?? new Date().toISOString() }));
      setConfirming(false);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <article className="notice-card" data-listing={id}>
      <h3>
        <Code prefix="listType" code={details.listType} />
      </h3>
      <dl className="facts">
        {details.reasons ? (
          <>
            <dt>{t('notices.reasons')}</dt>
            <dd>
              <Data>{details.reasons}</Data>
            </dd>
          </>
        ) : null}
        {details.legalBasis ? (
          <>
            <dt>{t('record.field.legalBasis')}</dt>
            <dd>
              <Data>{details.legalBasis}</Data>
            </dd>
          </>
        ) : null}
        {details.consequences ? (
          <>
            <dt>{t('notices.consequences')}</dt>
            <dd>
              <Data>{details.consequences}</Data>
            </dd>
          </>
        ) : null}
        {details.howToObject ? (
          <>
            <dt>{t('notices.howToObject')}</dt>
            <dd>
              <Data>{details.howToObject}</Data>
            </dd>
          </>
        ) : null}
        {details.removalConditions ? (
          <>
            <dt>{t('notices.removalConditions')}</dt>
            <dd>
              <Data>{details.removalConditions}</Data>
            </dd>
          </>
        ) : null}
        <dt>{t('listing.col.window')}</dt>
        <dd>
          <Due at={details.statementWindowEndsAt} />
        </dd>
      </dl>
      <p className="muted">{t('notices.windowExplained')}</p>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {details.waivedAt || details.waived ? (
        <p role="status">
          <Badge tone="quiet">{t('listings.waived')}</Badge> {t('notices.waivedNext')}
        </p>
      ) : confirming ? (
        <div className="actions" role="group" aria-label={t('notices.waive')}>
          <p>{t('notices.waiveConfirm')}</p>
          <button type="button" className="primary" onClick={() => void waive()}>
            {t('notices.waiveYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('notices.waive')}
        </button>
      )}
    </article>
  );
}
