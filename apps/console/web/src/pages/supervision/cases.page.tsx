// Objections and repair applications about the regulator's own department's records (GET /objections and
// /repairs, status pending), each with its working-day deadline and an inline decision.
import { useCallback, useState } from 'react';
import type { Api } from '../../api/client';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { DecisionForm } from '../../shared/decision-form';
import { Code, Due, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';

interface CaseView {
  id?: string;
  objectionId?: string;
  repairId?: string;
  recordId: string;
  subject: { uscc: string; name: string };
  ground?: string;
  statement?: string;
  commitment?: string;
  evidence?: string[];
  status: string;
  dueAt: string;
  overdue?: boolean;
}

const idOf = (c: CaseView) => c.id ?? c.objectionId ?? c.repairId ?? '';

export function CasesPage({ api }: PageProps) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('cases.title')}</PageTitle>
      <CaseList api={api} kind="objections" />
      <CaseList api={api} kind="repairs" />
    </>
  );
}

function CaseList({ api, kind }: { api: Api; kind: 'objections' | 'repairs' }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [done, setDone] = useState(false);
  const load = useCallback(async () => itemsOf<CaseView>(await api.get(`/api/v1/${kind}?status=pending`), kind), [api, kind]);
  const { data, failure, reload } = useLoad(load);
  const outcomes =
    kind === 'objections'
      ? [
          { value: 'upheld', label: t('cases.upheldWithdraw') },
          { value: 'rejected', label: t('caseStatus.rejected') },
        ]
      : [
          { value: 'approved', label: t('caseStatus.approved') },
          { value: 'rejected', label: t('caseStatus.rejected') },
        ];
  return (
    <section className="panel" aria-labelledby={`cases-${kind}`}>
      <h2 id={`cases-${kind}`}>{kind === 'objections' ? t('cases.objections') : t('cases.repairs')}</h2>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <Notice kind="success">{done ? t('cases.decided') : null}</Notice>
      {!data ? null : data.length === 0 ? (
        <p className="muted">{t('cases.none')}</p>
      ) : (
        <ul className="case-list">
          {data.map((c) => (
            <li key={idOf(c)} className={c.overdue ? 'case overdue' : 'case'} data-case={idOf(c)}>
              <p>
                <strong>
                  <Data>{c.subject.name}</Data>
                </strong>{' '}
                <span className="muted">
                  <Data>{c.subject.uscc}</Data>
                </span>
                {c.ground ? (
                  <>
                    {' · '}
                    <Code prefix="ground" code={c.ground} />
                  </>
                ) : null}
                {' · '}
                {t('profile.decideBy')} <Due at={c.dueAt} />
              </p>
              <p className="muted">
                {t('cases.record')} <Data>{c.recordId}</Data>
              </p>
              {c.statement || c.commitment ? (
                <p>
                  <Data>{c.statement ?? c.commitment}</Data>
                </p>
              ) : null}
              {c.evidence?.length ? (
                <ul>
                  {c.evidence.map((e, i) => (
                    <li key={i}>
                      <Data>{e}</Data>
                    </li>
                  ))}
                </ul>
              ) : null}
              <DecisionForm
                id={`case-${idOf(c)}`}
                outcomes={outcomes}
                submitLabel={t('cases.decide')}
                onSubmit={async (decision) => {
                  const body =
                    kind === 'objections' && decision.outcome === 'upheld' ? { ...decision, resolution: 'withdrawn' } : decision;
                  await api.post(`/api/v1/${kind}/${encodeURIComponent(idOf(c))}/decision`, body);
                  setDone(true);
                  reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
