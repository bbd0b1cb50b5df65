// The enterprise disputes a record (POST /api/v1/objections {recordId, ground, statement}) — the record is flagged as
// disputed at once, and the provider decides within working days — or applies for credit repair (POST
// /api/v1/repairs {recordId, commitment, evidence}) once the minimum period is served, with a checklist.
import { useCallback, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { CheckboxGroup, Notice, SelectField, TextField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Due, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { checklistComplete, repairable, type OwnRecord } from './own-records';

const GROUNDS = ['wrong_facts', 'wrong_subject', 'beyond_publicity_period', 'should_have_been_removed'] as const;
const CHECKLIST = [
  'repair.check.fulfilled',
  'repair.check.rectified',
  'repair.check.commitment',
  'repair.check.truthful',
] as const;

function useOwnRecords(api: Api, uscc: string) {
  const load = useCallback(
    async () => itemsOf<OwnRecord>(await api.get(`/api/v1/records?subject=${encodeURIComponent(uscc)}`), 'records'),
    [api, uscc],
  );
  return useLoad(load);
}

function recordLabel(t: (k: MessageKey) => string, r: OwnRecord): string {
  const kind = `kind.${r.kind}` as MessageKey;
  return `${t(kind) || r.kind} · ${r.details?.decisionDocumentNumber ?? r.id}`;
}

export function FileObjectionPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const uscc = session.subject ?? session.org;
  const records = useOwnRecords(api, uscc);
  const [recordId, setRecordId] = useState('');
  const [ground, setGround] = useState<string>('wrong_facts');
  const [statement, setStatement] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [filed, setFiled] = useState<{ dueAt?: string }>();
  const choices = (records.data ?? []).filter((r) => r.status !== 'withdrawn');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!recordId || !statement.trim()) return;
    try {
      setFiled(await api.post('/api/v1/objections', { recordId, ground, statement: statement.trim() }));
      setStatement('');
      records.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <PageTitle>{t('objection.title')}</PageTitle>
      <section className="panel" aria-labelledby="objection-form">
        <h2 id="objection-form">{t('objection.form')}</h2>
        <p className="muted">{t('objection.intro')}</p>
        <Notice kind="error">
          {failure !== undefined
            ? problemMessage(i18n, failure)
            : records.failure !== undefined
              ? problemMessage(i18n, records.failure)
              : null}
        </Notice>
        <Notice kind="success">
          {filed ? (
            <>
              {t('objection.filed')} {filed.dueAt ? <Due at={filed.dueAt} /> : null}
            </>
          ) : null}
        </Notice>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          <SelectField
            id="objection-record"
            label={t('objection.record')}
            required
            value={recordId}
            options={[
              { value: '', label: t('objection.recordChoose') },
              ...choices.map((r) => ({ value: r.id, label: recordLabel(t, r), data: true })),
            ]}
            onChange={setRecordId}
            error={tried && !recordId ? t('error.required') : undefined}
          />
          <SelectField
            id="objection-ground"
            label={t('objection.ground')}
            required
            value={ground}
            options={GROUNDS.map((g) => ({ value: g, label: t(`ground.${g}`) }))}
            onChange={setGround}
          />
          <TextField
            id="objection-statement"
            label={t('objection.statement')}
            required
            value={statement}
            maxLength={4000}
            onChange={setStatement}
            error={tried && !statement.trim() ? t('error.required') : undefined}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t('objection.submit')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

export function ApplyRepairPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const uscc = session.subject ?? session.org;
  const records = useOwnRecords(api, uscc);
  const [recordId, setRecordId] = useState('');
  const [commitment, setCommitment] = useState('');
  const [evidence, setEvidence] = useState('');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [applied, setApplied] = useState<{ dueAt?: string }>();
  const eligible = (records.data ?? []).filter((r) => repairable(r));
  const evidenceList = evidence
    .split('\n')
    .map((e) => e.trim())
    .filter(Boolean);
  const complete = checklistComplete(CHECKLIST, ticked);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!recordId || !commitment.trim() || evidenceList.length === 0 || !complete) return;
    try {
      setApplied(await api.post('/api/v1/repairs', { recordId, commitment: commitment.trim(), evidence: evidenceList }));
      records.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <PageTitle>{t('repair.title')}</PageTitle>
      <section className="panel" aria-labelledby="repair-form">
        <h2 id="repair-form">{t('repair.form')}</h2>
        <p className="muted">{t('repair.intro')}</p>
        <Notice kind="error">
          {failure !== undefined
            ? problemMessage(i18n, failure)
            : records.failure !== undefined
              ? problemMessage(i18n, records.failure)
              : null}
        </Notice>
        <Notice kind="success">
          {applied ? (
            <>
              {t('repair.applied')} {applied.dueAt ? <Due at={applied.dueAt} /> : null}
            </>
          ) : null}
        </Notice>
        {records.data && eligible.length === 0 ? <Notice kind="info">{t('repair.noneEligible')}</Notice> : null}
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          <SelectField
            id="repair-record"
            label={t('objection.record')}
            required
            value={recordId}
            options={[
              { value: '', label: t('objection.recordChoose') },
              ...eligible.map((r) => ({ value: r.id, label: recordLabel(t, r), data: true })),
            ]}
            onChange={setRecordId}
            error={tried && !recordId ? t('error.required') : undefined}
          />
          <TextField
            id="repair-commitment"
            label={t('repair.commitment')}
            hint={t('repair.commitmentHint')}
            required
            value={commitment}
            maxLength={4000}
            onChange={setCommitment}
            error={tried && !commitment.trim() ? t('error.required') : undefined}
          />
          <div className={tried && evidenceList.length === 0 ? 'field field--invalid' : 'field'}>
            <label htmlFor="repair-evidence">
              {t('repair.evidence')}
              <span className="required" aria-hidden="true">
                {' *'}
              </span>
            </label>
            <p id="repair-evidence-hint" className="hint">
              {t('repair.evidenceHint')}
            </p>
            <textarea
              id="repair-evidence"
              value={evidence}
              aria-required
              aria-invalid={(tried && evidenceList.length === 0) || undefined}
              aria-describedby="repair-evidence-hint repair-evidence-error"
              onChange={(e) => setEvidence(e.target.value)}
            />
            <p id="repair-evidence-error" className="field-error" aria-live="polite">
              {tried && evidenceList.length === 0 ? t('error.required') : null}
            </p>
          </div>
          <CheckboxGroup
            id="repair-checklist"
            legend={t('repair.checklist')}
            options={CHECKLIST.map((k) => ({ value: k, label: t(k) }))}
            selected={ticked}
            onChange={setTicked}
            error={tried && !complete ? t('repair.checklistIncomplete') : undefined}
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t('repair.submit')}
            </button>
          </div>
        </form>
        {eligible.length > 0 ? null : (records.data ?? []).length > 0 ? (
          <ul className="link-list">
            {(records.data ?? []).map((r) => (
              <li key={r.id}>
                <Data>{recordLabel(t, r)}</Data>
                {r.repairableFrom ? (
                  <span className="muted">
                    {' '}
                    {t('repair.from')} <Data>{i18n.date(r.repairableFrom)}</Data>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
