// Lists with due process (PRODUCT.md §3.5), for a regulator: propose an entry (POST /listings) — the subject gets a
// notice and a statement window of working days — then decide it (POST /listings/{id}/decision) once the window has
// closed or was waived, or remove an entry (POST /listings/{id}/removal). The current lists come from GET /lists/{type}.
import { useCallback, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { Data, useI18n } from '../../i18n/i18n';
import { DecisionForm } from '../../shared/decision-form';
import { Badge, Code, DateTime, Due, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { listingId, type ListingView } from '../profiles/profile';

const LIST_TYPES = ['serious_dishonesty', 'red'] as const;

export function ListingsPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState<ListingView>();
  const [lookup, setLookup] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [listType, setListType] = useState<(typeof LIST_TYPES)[number]>('serious_dishonesty');
  const loadList = useCallback(
    async () => itemsOf<ListingView>(await api.get(`/api/v1/lists/${listType}`), 'entries', 'listings'),
    [api, listType],
  );
  const list = useLoad(loadList);

  const open = async (id: string) => {
    setFailure(undefined);
    try {
      setCurrent(await api.get<ListingView>(`/api/v1/listings/${encodeURIComponent(id)}`));
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <>
      <PageTitle>{t('listings.title')}</PageTitle>
      <ProposeListing api={api} onProposed={(l) => (setCurrent(l), list.reload())} />
      <section className="panel" aria-labelledby="listing-open-title">
        <h2 id="listing-open-title">{t('listings.open')}</h2>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            if (lookup.trim()) void open(lookup.trim());
          }}
        >
          <TextField id="listing-lookup" label={t('listings.id')} value={lookup} onChange={setLookup} spellCheck={false} />
          <button type="submit">{t('listings.openSubmit')}</button>
        </form>
        <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
        {current ? <ListingCard api={api} listing={current} onChanged={(l) => (setCurrent(l), list.reload())} /> : null}
      </section>
      <section className="panel" aria-labelledby="lists-title">
        <h2 id="lists-title">{t('listings.lists')}</h2>
        <div className="toolbar">
          <SelectField
            id="lists-type"
            label={t('listing.col.listType')}
            value={listType}
            options={LIST_TYPES.map((l) => ({ value: l, label: t(`listType.${l}`) }))}
            onChange={(v) => setListType(v as (typeof LIST_TYPES)[number])}
          />
        </div>
        <Notice kind="error">{list.failure !== undefined ? problemMessage(i18n, list.failure) : null}</Notice>
        {list.data ? (
          list.data.length === 0 ? (
            <p className="muted">{t('profile.none')}</p>
          ) : (
            <div className="table-frame">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('profile.uscc')}</th>
                    <th scope="col">{t('listing.col.status')}</th>
                    <th scope="col">{t('listing.col.effectiveUntil')}</th>
                    <th scope="col">{t('orgs.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((l) => (
                    <tr key={listingId(l)}>
                      <th scope="row">
                        <Data>{l.uscc}</Data>
                      </th>
                      <td>
                        <Code prefix="listingStatus" code={l.status} />
                      </td>
                      <td>
                        <DateTime value={l.effectiveUntil} />
                      </td>
                      <td>
                        <button type="button" onClick={() => void open(listingId(l))}>
                          {t('listings.openSubmit')}
                          <span className="visually-hidden">
                            {' '}
                            <Data>{l.uscc}</Data>
                          </span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </section>
    </>
  );
}

function ProposeListing({ api, onProposed }: { api: Api; onProposed(listing: ListingView): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [uscc, setUscc] = useState('');
  const [listType, setListType] = useState<string>('serious_dishonesty');
  const [basis, setBasis] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [reasons, setReasons] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const usccProblem = uscc.trim() ? checkUscc(uscc) : null;
  const basisIds = basis.split(/[\s,，、]+/).filter(Boolean);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!uscc.trim() || usccProblem || basisIds.length === 0 || !legalBasis.trim()) return;
    try {
      const listing = await api.post<ListingView>('/api/v1/listings', {
        uscc: uscc.replace(/\s+/g, '').toUpperCase(),
        listType,
        basisRecordIds: basisIds,
        legalBasis: legalBasis.trim(),
        ...(reasons.trim() ? { reasons: reasons.trim() } : {}),
      });
      onProposed(listing);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="listing-propose-title">
      <h2 id="listing-propose-title">{t('listings.propose')}</h2>
      <p className="muted">{t('listings.proposeIntro')}</p>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        <TextField
          id="listing-uscc"
          label={t('signIn.uscc')}
          required
          value={uscc}
          spellCheck={false}
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
          id="listing-listType"
          label={t('listing.col.listType')}
          required
          value={listType}
          options={LIST_TYPES.map((l) => ({ value: l, label: t(`listType.${l}`) }))}
          onChange={setListType}
        />
        <TextField
          id="listing-basis"
          label={t('listings.basis')}
          hint={t('listings.basisHint')}
          required
          value={basis}
          spellCheck={false}
          onChange={setBasis}
          error={tried && basisIds.length === 0 ? t('error.required') : undefined}
        />
        <TextField
          id="listing-legalBasis"
          label={t('record.field.legalBasis')}
          required
          value={legalBasis}
          onChange={setLegalBasis}
          error={tried && !legalBasis.trim() ? t('error.required') : undefined}
        />
        <TextField id="listing-reasons" label={t('listings.reasons')} value={reasons} onChange={setReasons} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('listings.proposeSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ListingCard({ api, listing, onChanged }: { api: Api; listing: ListingView; onChanged(listing: ListingView): void }) {
  const { t } = useI18n();
  const id = listingId(listing);
  const path = `/api/v1/listings/${encodeURIComponent(id)}`;
  return (
    <div className="listing-card" data-listing={id}>
      <dl className="facts">
        <dt>{t('listings.id')}</dt>
        <dd>
          <Data>{id}</Data>
        </dd>
        <dt>{t('profile.uscc')}</dt>
        <dd>
          <Data>{listing.uscc}</Data>
        </dd>
        <dt>{t('listing.col.listType')}</dt>
        <dd>
          <Code prefix="listType" code={listing.listType} />
        </dd>
        <dt>{t('listing.col.status')}</dt>
        <dd>
          <Badge tone={listing.status === 'listed' ? 'bad' : 'info'}>
            <Code prefix="listingStatus" code={listing.status} />
          </Badge>
          {listing.waivedAt || listing.waived ? (
            <>
              {' '}
              <Badge tone="quiet">{t('listings.waived')}</Badge>
            </>
          ) : null}
        </dd>
        {listing.status === 'noticed' ? (
          <>
            <dt>{t('listing.col.window')}</dt>
            <dd>
              <Due at={listing.statementWindowEndsAt} />
            </dd>
          </>
        ) : null}
        {listing.effectiveUntil ? (
          <>
            <dt>{t('listing.col.effectiveUntil')}</dt>
            <dd>
              <DateTime value={listing.effectiveUntil} />
            </dd>
          </>
        ) : null}
      </dl>
      {listing.status === 'noticed' || listing.status === 'proposed' ? (
        <DecisionForm
          id="listing-decision"
          outcomes={[
            { value: 'listed', label: t('listingStatus.listed') },
            { value: 'not_listed', label: t('listingStatus.not_listed') },
          ]}
          submitLabel={t('listings.decide')}
          onSubmit={async (decision) => onChanged(await api.post<ListingView>(`${path}/decision`, decision))}
        />
      ) : listing.status === 'listed' ? (
        <DecisionForm
          id="listing-removal"
          outcomes={[{ value: 'decision', label: t('listings.removeByDecision') }]}
          submitLabel={t('listings.remove')}
          onSubmit={async ({ reason }) => onChanged(await api.post<ListingView>(`${path}/removal`, { reason }))}
        />
      ) : null}
    </div>
  );
}
