// The embedded check (GET /api/v1/checks/{uscc}?purpose=): during a transaction, which measures are in force against
// the subject and why, and which removed listings still leave a residual restriction. Logged like a profile query.
import { useState, type FormEvent } from 'react';
import { query } from '../../api/client';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, Code, DateTime } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { STAFF_PURPOSES } from '../profiles/profile';

interface CheckAnswer {
  uscc: string;
  purpose: string;
  checkedAt: string;
  restricted: boolean;
  measuresInForce: Array<{
    measure: { measureId?: string; content?: string; legalBasis?: string; target?: string };
    org: string;
    alertId: string;
    feedback?: { status: string; outcome: string | null };
    listing: {
      listingId: string;
      listType: string;
      legalBasis: string;
      reason?: string;
      decidedAt?: string;
      effectiveUntil?: string | null;
    };
  }>;
  residualRestrictions: Array<{
    listingId: string;
    listType: string;
    removedAt: string | null;
    pendingReleases: Array<{ org: string; measureId: string }>;
  }>;
}

export function CheckPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [uscc, setUscc] = useState('');
  const [purpose, setPurpose] = useState('enforcement');
  const [tried, setTried] = useState(false);
  const [answer, setAnswer] = useState<CheckAnswer>();
  const [failure, setFailure] = useState<unknown>();
  const problem = uscc.trim() ? checkUscc(uscc) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!uscc.trim() || problem) return;
    try {
      setAnswer(
        await api.get<CheckAnswer>(
          `/api/v1/checks/${encodeURIComponent(uscc.replace(/\s+/g, '').toUpperCase())}${query({ purpose })}`,
        ),
      );
    } catch (error) {
      setAnswer(undefined);
      setFailure(error);
    }
  };
  return (
    <>
      <PageTitle>{t('check.title')}</PageTitle>
      <section className="panel" aria-labelledby="check-form">
        <h2 id="check-form">{t('check.form')}</h2>
        <p className="muted">{t('check.intro')}</p>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid" role="search">
          <TextField
            id="check-uscc"
            label={t('signIn.uscc')}
            required
            value={uscc}
            spellCheck={false}
            onChange={setUscc}
            error={
              tried && !uscc.trim()
                ? t('error.required')
                : problem && (tried || problem.code !== 'LENGTH')
                  ? usccMessage(i18n, problem)
                  : undefined
            }
          />
          <SelectField
            id="check-purpose"
            label={t('profiles.purpose')}
            required
            value={purpose}
            options={STAFF_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
            onChange={setPurpose}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t('check.submit')}
            </button>
          </div>
        </form>
      </section>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {answer ? (
        <section className="panel" aria-labelledby="check-result" data-testid="check-result">
          <h2 id="check-result">
            <Data>{answer.uscc}</Data>{' '}
            {answer.restricted ? <Badge tone="bad">{t('check.restricted')}</Badge> : <Badge tone="ok">{t('check.clear')}</Badge>}
          </h2>
          <p className="muted">
            {t('check.checkedAt')} <DateTime value={answer.checkedAt} />
          </p>
          {answer.measuresInForce.length > 0 ? (
            <div className="table-frame">
              <table>
                <caption>{t('profile.measures')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.col.measure')}</th>
                    <th scope="col">{t('check.col.why')}</th>
                    <th scope="col">{t('alerts.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.measuresInForce.map((m) => (
                    <tr key={m.alertId}>
                      <th scope="row">
                        <Data>{m.measure.content ?? m.measure.measureId}</Data>
                        <br />
                        <span className="muted">
                          <Data>{m.org}</Data>
                        </span>
                      </th>
                      <td>
                        <Code prefix="listType" code={m.listing.listType} /> · <Data>{m.listing.legalBasis}</Data>
                        {m.listing.effectiveUntil ? (
                          <>
                            <br />
                            {t('listing.col.effectiveUntil')} <DateTime value={m.listing.effectiveUntil} />
                          </>
                        ) : null}
                      </td>
                      <td>
                        <Code prefix="alertStatus" code={m.feedback?.status} />
                        {m.feedback?.outcome ? (
                          <>
                            {' · '}
                            <Code prefix="outcome" code={m.feedback.outcome} />
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {answer.residualRestrictions.length > 0 ? (
            <Notice kind="info">{t('check.residual', { count: answer.residualRestrictions.length })}</Notice>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
