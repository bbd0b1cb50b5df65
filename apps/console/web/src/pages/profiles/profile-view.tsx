// A credit profile on screen: who, as of when, the grade badge with its reasons, the records as a timeline (disputed
// ones marked), list entries, measures in force, and pending objections and repairs. Shared by the regulator's search
// and the subject's own page.
import type { ReactNode } from 'react';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, DateTime, Due, GradeBadge } from '../../shared/ui';
import { statusTone } from '../records/records.page';
import { decisionDateOf, listingId, timeline, type ProfileView } from './profile';

export function ProfileSummary({ profile, children }: { profile: ProfileView; children?: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const grade = profile.grade;
  const recordsById = new Map(profile.records.map((r) => [r.id, r]));
  return (
    <div className="profile" data-testid="profile">
      <section className="panel" aria-labelledby="profile-subject">
        <div className="profile-head">
          {grade ? <GradeBadge grade={grade.grade} /> : null}
          <div>
            <h2 id="profile-subject">
              <Data>{profile.subject.name}</Data>
            </h2>
            <p className="muted">
              {t('profile.uscc')} <Data>{profile.subject.uscc}</Data> · {t('profile.asOf')} <DateTime value={profile.asOf} />
            </p>
            {grade ? (
              <p>
                {i18n.rich('profile.gradeLine', {
                  grade: <Data>{grade.grade}</Data>,
                  score: <Data>{grade.score}</Data>,
                  version: <Data>{grade.ruleSetVersion}</Data>,
                })}
              </p>
            ) : (
              <p className="muted">{t('profile.noGrade')}</p>
            )}
          </div>
        </div>
        {children}
        {grade && grade.reasons.length > 0 ? (
          <div className="table-frame">
            <table>
              <caption>{t('profile.reasons')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('profile.col.basis')}</th>
                  <th scope="col">{t('profile.col.rule')}</th>
                  <th scope="col">{t('profile.col.points')}</th>
                </tr>
              </thead>
              <tbody>
                {grade.reasons.map((reason, i) => {
                  const record = reason.recordId ? recordsById.get(reason.recordId) : undefined;
                  return (
                    <tr key={i}>
                      <th scope="row">
                        {record ? (
                          <>
                            <Code prefix="kind" code={record.kind} /> ·{' '}
                            <Data>{record.details?.decisionDocumentNumber ?? record.id}</Data>
                          </>
                        ) : (
                          <Data>{reason.recordId ?? reason.listingId ?? ''}</Data>
                        )}
                        {reason.disputed || record?.disputed ? (
                          <>
                            {' '}
                            <Badge tone="warn">{t('record.disputed')}</Badge>
                          </>
                        ) : null}
                      </th>
                      <td>
                        <Code prefix="rule" code={reason.rule} />
                      </td>
                      <td className="number" translate="no">
                        {reason.points > 0 ? `+${reason.points}` : reason.points}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="profile-records">
        <h2 id="profile-records">{t('profile.records')}</h2>
        {profile.records.length === 0 ? (
          <p className="muted">{t('profile.none')}</p>
        ) : (
          <ol className="timeline">
            {timeline(profile.records).map((r) => (
              <li key={r.id} className={r.disputed ? 'disputed' : undefined} data-record={r.id}>
                <strong>
                  <Code prefix="kind" code={r.kind} />
                </strong>{' '}
                <Badge tone={statusTone(r.status)}>
                  <Code prefix="recordStatus" code={r.status} />
                </Badge>
                {r.disputed ? (
                  <>
                    {' '}
                    <Badge tone="warn">{t('record.disputed')}</Badge>
                  </>
                ) : null}
                {r.severity ? (
                  <>
                    {' '}
                    <span className="muted">
                      <Code prefix="severity" code={r.severity} />
                    </span>
                  </>
                ) : null}
                <br />
                <span className="muted">
                  {t('profile.decided')} <Data>{i18n.date(decisionDateOf(r))}</Data>
                  {r.details?.decisionDocumentNumber ? (
                    <>
                      {' · '}
                      <Data>{r.details.decisionDocumentNumber}</Data>
                    </>
                  ) : null}
                  {r.publicUntil ? (
                    <>
                      {' · '}
                      {t('records.col.publicUntil')} <DateTime value={r.publicUntil} />
                    </>
                  ) : null}
                </span>
                {r.details?.content ? (
                  <>
                    <br />
                    <Data>{r.details.content}</Data>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby="profile-listings">
        <h2 id="profile-listings">{t('profile.listings')}</h2>
        {profile.listings.length === 0 ? (
          <p className="muted">{t('profile.none')}</p>
        ) : (
          <div className="table-frame">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('listing.col.listType')}</th>
                  <th scope="col">{t('listing.col.status')}</th>
                  <th scope="col">{t('listing.col.window')}</th>
                  <th scope="col">{t('listing.col.effectiveUntil')}</th>
                </tr>
              </thead>
              <tbody>
                {profile.listings.map((l) => (
                  <tr key={listingId(l)} data-listing={listingId(l)}>
                    <th scope="row">
                      <Code prefix="listType" code={l.listType} />
                    </th>
                    <td>
                      <Code prefix="listingStatus" code={l.status} />
                    </td>
                    <td>{l.status === 'noticed' ? <Due at={l.statementWindowEndsAt} /> : <span className="muted">—</span>}</td>
                    <td>
                      <DateTime value={l.effectiveUntil} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="profile-measures">
        <h2 id="profile-measures">{t('profile.measures')}</h2>
        {profile.measuresInForce.length === 0 ? (
          <p className="muted">{t('profile.none')}</p>
        ) : (
          <ul className="link-list">
            {profile.measuresInForce.map((m, i) => (
              <li key={`${m.measureId ?? ''}-${m.org ?? m.implementingOrg ?? ''}-${i}`}>
                <Data>{m.content ?? m.measureId}</Data> · <Data>{m.org ?? m.implementingOrg}</Data>
                {(m.status ?? m.feedback?.status) ? (
                  <>
                    {' '}
                    <Badge tone="info">
                      <Code prefix="alertStatus" code={m.status ?? m.feedback?.status} />
                    </Badge>
                  </>
                ) : null}
                {m.feedback?.outcome ? (
                  <>
                    {' '}
                    <Code prefix="outcome" code={m.feedback.outcome} />
                  </>
                ) : null}
                {m.residualRestriction ? (
                  <>
                    {' '}
                    <Badge tone="warn">{t('profile.residual')}</Badge>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <CaseSection
        title={t('profile.objections')}
        items={profile.objections ?? []}
        recordsById={recordsById}
        id="profile-objections"
      />
      <CaseSection title={t('profile.repairs')} items={profile.repairs ?? []} recordsById={recordsById} id="profile-repairs" />
      {profile.history && profile.history.length > 0 ? (
        <section className="panel" aria-labelledby="profile-history">
          <h2 id="profile-history">{t('profile.history')}</h2>
          <ul className="link-list">
            {profile.history.map((r) => (
              <li key={`${r.id}-${r.version}`}>
                <Code prefix="kind" code={r.kind} /> ·{' '}
                <Badge tone={statusTone(r.status)}>
                  <Code prefix="recordStatus" code={r.status} />
                </Badge>{' '}
                <span className="muted">
                  <Data>{r.details?.decisionDocumentNumber ?? r.id}</Data>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function CaseSection({
  id,
  title,
  items,
  recordsById,
}: {
  id: string;
  title: string;
  items: ProfileView['objections'];
  recordsById: Map<string, ProfileView['records'][number]>;
}) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="link-list">
        {items.map((o, i) => {
          const record = recordsById.get(o.recordId);
          return (
            <li key={o.id ?? i}>
              {record ? <Code prefix="kind" code={record.kind} /> : <Data>{o.recordId}</Data>}
              {o.ground ? (
                <>
                  {' · '}
                  <Code prefix="ground" code={o.ground} />
                </>
              ) : null}
              {o.status ? (
                <>
                  {' '}
                  <Badge tone={o.status === 'pending' ? 'warn' : 'quiet'}>
                    <Code prefix="caseStatus" code={o.status} />
                  </Badge>
                </>
              ) : null}
              {o.dueAt && o.status === 'pending' ? (
                <>
                  {' '}
                  {t('profile.decideBy')} <Due at={o.dueAt} />
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
