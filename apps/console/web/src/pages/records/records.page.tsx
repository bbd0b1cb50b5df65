// A provider's own records with their status (GET /api/v1/records): newest first, a page at a time, optionally only
// those about one subject; a correction (a new version, history kept: POST /records/{id}/corrections) or a withdrawal
// with its reason (POST /records/{id}/withdrawal).
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/problem';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { fieldErrorMessage, problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { Data, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Badge, Code, DateTime, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { toSubmission, validateRecordForm, type RecordField, type RecordForm } from './record-form';
import { formOfRecord, isOpen, type RecordView } from './record';
import { mayHaveMore, ownRecordsPath } from './own-records-list';
import { problemText } from './submit-record.page';

type Action = { kind: 'correct' | 'withdraw'; record: RecordView };

export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'quiet' | 'info' {
  return status === 'published' ? 'ok' : status === 'withdrawn' ? 'quiet' : status === 'expired' ? 'quiet' : 'info';
}

export function RecordsPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [subject, setSubject] = useState('');
  const [filter, setFilter] = useState('');
  const [action, setAction] = useState<Action>();
  const [done, setDone] = useState<MessageKey>();
  // Pages after the first, and the length of the last one (a full page may have a successor).
  const [older, setOlder] = useState<{ records: RecordView[]; lastLength: number }>();
  const [moreFailure, setMoreFailure] = useState<unknown>();
  const [moreBusy, setMoreBusy] = useState(false);
  const load = useCallback(async () => {
    const first = itemsOf<RecordView>(await api.get(ownRecordsPath(filter)), 'records');
    setOlder(undefined);
    return { filter, records: first };
  }, [api, filter]);
  const { data: firstPage, failure, reload } = useLoad(load);
  // Only the answer for the filter in force is shown (not the previous one while the next loads).
  const records = firstPage?.filter === filter ? [...firstPage.records, ...(older?.records ?? [])] : undefined;
  const more = records !== undefined && mayHaveMore(filter, older ? older.lastLength : records.length);
  const filterProblem = subject.trim() ? checkUscc(subject) : null;

  const loadMore = async () => {
    if (!records) return;
    setMoreBusy(true);
    setMoreFailure(undefined);
    try {
      const page = itemsOf<RecordView>(await api.get(ownRecordsPath(filter, records.length)), 'records');
      setOlder((previous) => ({ records: [...(previous?.records ?? []), ...page], lastLength: page.length }));
    } catch (error) {
      setMoreFailure(error);
    } finally {
      setMoreBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t('records.title')}</PageTitle>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (!subject.trim()) setFilter('');
          else if (!checkUscc(subject)) setFilter(subject.replace(/\s+/g, '').toUpperCase());
        }}
      >
        <TextField
          id="records-subject"
          label={t('records.filter')}
          value={subject}
          onChange={setSubject}
          spellCheck={false}
          maxLength={40}
          error={filterProblem && filterProblem.code !== 'LENGTH' ? usccMessage(i18n, filterProblem) : undefined}
        />
        <button type="submit">{t('records.search')}</button>
        {filter ? (
          <button
            type="button"
            onClick={() => {
              setSubject('');
              setFilter('');
            }}
          >
            {t('records.showAll')}
          </button>
        ) : null}
      </form>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <Notice kind="error">{moreFailure !== undefined ? problemMessage(i18n, moreFailure) : null}</Notice>
      <Notice kind="success">{done ? t(done) : null}</Notice>
      {action ? (
        <RecordAction
          api={api}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(message) => {
            setAction(undefined);
            setDone(message);
            reload();
          }}
        />
      ) : null}
      {records && records.length === 0 ? (
        <Notice kind="info">{filter ? t('records.noneForSubject') : t('records.none')}</Notice>
      ) : records ? (
        <section className="panel" aria-labelledby="records-caption" data-filter={filter}>
          <div className="table-frame">
            <table>
              <caption id="records-caption">
                {t('records.caption')} <span className="muted">{t('records.count', { count: records.length })}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.col.subject')}</th>
                  <th scope="col">{t('records.col.kind')}</th>
                  <th scope="col">{t('records.col.status')}</th>
                  <th scope="col">{t('records.col.severity')}</th>
                  <th scope="col">{t('records.col.publicUntil')}</th>
                  <th scope="col">{t('records.col.version')}</th>
                  <th scope="col">{t('orgs.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id} data-record={r.id}>
                    <th scope="row">
                      <Data>{r.subject.name}</Data>
                      <br />
                      <span className="muted">
                        <Data>{r.subject.uscc}</Data>
                      </span>
                    </th>
                    <td>
                      <Code prefix="kind" code={r.kind} />
                    </td>
                    <td>
                      <Badge tone={statusTone(r.status)}>
                        <Code prefix="recordStatus" code={r.status} />
                      </Badge>
                      {r.disputed ? (
                        <>
                          {' '}
                          <Badge tone="warn">{t('record.disputed')}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <Code prefix="severity" code={r.severity} />
                    </td>
                    <td>
                      <DateTime value={r.publicUntil} />
                    </td>
                    <td className="number">{r.version}</td>
                    <td className="row-actions">
                      {isOpen(r) ? (
                        <>
                          <button type="button" onClick={() => (setDone(undefined), setAction({ kind: 'correct', record: r }))}>
                            {t('records.correct')}
                            <span className="visually-hidden">
                              {' '}
                              <Data>{r.subject.name}</Data>
                            </span>
                          </button>
                          <button type="button" onClick={() => (setDone(undefined), setAction({ kind: 'withdraw', record: r }))}>
                            {t('records.withdraw')}
                            <span className="visually-hidden">
                              {' '}
                              <Data>{r.subject.name}</Data>
                            </span>
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more ? (
            <div className="actions">
              <button type="button" disabled={moreBusy} onClick={() => void loadMore()}>
                {moreBusy ? t('common.loading') : t('records.more')}
              </button>
            </div>
          ) : null}
        </section>
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
    </>
  );
}

const CORRECTABLE: ReadonlyArray<{ field: RecordField; type?: 'date' }> = [
  { field: 'content' },
  { field: 'legalBasis' },
  { field: 'category' },
  { field: 'decisionDate', type: 'date' },
  { field: 'validUntil', type: 'date' },
  { field: 'fineAmountYuan' },
];

function RecordAction({
  api,
  action,
  onClose,
  onDone,
}: {
  api: PageProps['api'];
  action: Action;
  onClose(): void;
  onDone(message: MessageKey): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<RecordForm>(() => formOfRecord(action.record));
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const correcting = action.kind === 'correct';
  const problems = correcting ? validateRecordForm(form) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!reason.trim()) return setMissingReason(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      if (correcting) {
        await api.post(`/api/v1/records/${encodeURIComponent(action.record.id)}/corrections`, {
          ...toSubmission(form),
          reason: reason.trim(),
        });
        onDone('records.corrected');
      } else {
        await api.post(`/api/v1/records/${encodeURIComponent(action.record.id)}/withdrawal`, { reason: reason.trim() });
        onDone('records.withdrawn');
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const reasonErrors = failure instanceof ApiError ? failure.problem?.errors?.filter((e) => e.field === 'reason') : undefined;

  return (
    <section className="panel panel--action" aria-labelledby="record-action-title">
      <h2 id="record-action-title">
        {correcting ? t('records.correct') : t('records.withdraw')}: <Data>{action.record.subject.name}</Data> ·{' '}
        <Code prefix="kind" code={action.record.kind} />
      </h2>
      {correcting ? null : <p className="muted">{t('records.withdrawHint')}</p>}
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        {correcting
          ? CORRECTABLE.map(({ field, type }) => (
              <TextField
                key={field}
                id={`correct-${field}`}
                label={t(`record.field.${field}` as const)}
                type={type}
                value={form[field]}
                onChange={(v) => setForm((f) => ({ ...f, [field]: v }))}
                error={problems[field] ? problemText(i18n, problems[field]) : undefined}
              />
            ))
          : null}
        {correcting ? (
          <SelectField
            id="correct-severity"
            label={t('record.field.severity')}
            value={form.severity}
            options={[
              { value: '', label: t('record.severity.none') },
              ...(['light', 'general', 'serious'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })),
            ]}
            onChange={(v) => setForm((f) => ({ ...f, severity: v as RecordForm['severity'] }))}
          />
        ) : null}
        <TextField
          id="record-action-reason"
          label={t('records.reason')}
          required
          value={reason}
          onChange={(v) => (setReason(v), setMissingReason(false))}
          error={missingReason ? t('error.required') : fieldErrorMessage(i18n, reasonErrors)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {correcting ? t('records.correctSubmit') : t('records.withdrawSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
