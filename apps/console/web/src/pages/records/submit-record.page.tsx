// A provider submits one record (POST /api/v1/records, RecordSubmissionV1): every USCC checked with GB 32100 while it
// is typed, the 双公示 fields a penalty or licence must carry marked and required, dates checked; the platform's
// RFC 9457 field errors shown next to the fields they name.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldError } from '../../api/problem';
import { RECORD_KINDS } from '../../forms/catalogue';
import { Notice, SelectField, TextField } from '../../forms/fields';
import { fieldErrorMessage, problemMessage, usccMessage } from '../../forms/messages';
import { Data, useI18n, type I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import {
  DOUBLE_PUBLICITY_KINDS,
  EMPTY_RECORD_FORM,
  formFieldOf,
  requiredFields,
  toSubmission,
  validateRecordForm,
  type FormProblem,
  type RecordField,
  type RecordForm,
} from './record-form';

interface SubmittedRecord {
  id?: string;
  recordId?: string;
  version?: number;
}

export function problemText(i18n: I18n, problem: FormProblem) {
  switch (problem.code) {
    case 'required':
      return i18n.t('error.required');
    case 'uscc':
      return usccMessage(i18n, problem.problem);
    case 'date':
      return i18n.t('record.error.date');
    case 'futureDate':
      return i18n.t('record.error.futureDate');
    case 'beforeDecision':
      return i18n.t('record.error.beforeDecision');
    case 'amount':
      return i18n.t('record.error.amount');
  }
}

const TEXT_FIELDS: ReadonlyArray<{ field: RecordField; label: MessageKey; type?: 'date'; hint?: MessageKey; code?: string }> = [
  { field: 'subjectName', label: 'record.field.subjectName', code: 'CF_XDR_MC' },
  { field: 'subjectUscc', label: 'record.field.subjectUscc', hint: 'orgs.field.usccHint', code: 'CF_XDR_SHXYM' },
  { field: 'decisionDocumentName', label: 'record.field.decisionDocumentName' },
  { field: 'decisionDocumentNumber', label: 'record.field.decisionDocumentNumber', code: 'CF_WSH' },
  { field: 'category', label: 'record.field.category', code: 'CF_CFLB' },
  { field: 'legalBasis', label: 'record.field.legalBasis', code: 'CF_YJ' },
  { field: 'content', label: 'record.field.content', code: 'CF_NR' },
  { field: 'decisionDate', label: 'record.field.decisionDate', type: 'date', code: 'CF_JDRQ' },
  { field: 'validFrom', label: 'record.field.validFrom', type: 'date' },
  { field: 'validUntil', label: 'record.field.validUntil', type: 'date', code: 'CF_YXQ' },
  { field: 'decidingAuthorityName', label: 'record.field.decidingAuthorityName', code: 'CF_CFJG' },
  { field: 'decidingAuthorityUscc', label: 'record.field.decidingAuthorityUscc', code: 'CF_CFJGDM' },
  { field: 'sourceOrganizationName', label: 'record.field.sourceOrganizationName', code: 'CF_SJLY' },
  { field: 'sourceOrganizationUscc', label: 'record.field.sourceOrganizationUscc', code: 'CF_SJLYDM' },
  { field: 'fineAmountYuan', label: 'record.field.fineAmountYuan', hint: 'record.field.fineAmountYuanHint' },
  { field: 'remarks', label: 'record.field.remarks' },
];

export function SubmitRecordPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<RecordForm>(EMPTY_RECORD_FORM);
  const [touched, setTouched] = useState<ReadonlySet<RecordField>>(new Set());
  const [serverErrors, setServerErrors] = useState<Map<RecordField, FieldError[]>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<SubmittedRecord>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const problems = validateRecordForm(form, { only: touched });
  const required = new Set(requiredFields(form.kind));
  const update = (field: RecordField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setDone(undefined);
    setServerErrors((errors) => {
      if (!errors.has(field)) return errors;
      const next = new Map(errors);
      next.delete(field);
      return next;
    });
  };
  const touch = (field: RecordField) => setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  const errorOf = (field: RecordField) => {
    const problem = problems[field];
    return problem ? problemText(i18n, problem) : fieldErrorMessage(i18n, serverErrors.get(field));
  };
  const focusFirstInvalid = (fields: Iterable<string>) => {
    const invalid = new Set(fields);
    const order: RecordField[] = ['kind', 'severity', ...TEXT_FIELDS.map((f) => f.field)];
    const first = order.find((f) => invalid.has(f));
    if (first) formRef.current?.querySelector<HTMLElement>(`#record-${first}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(undefined);
    const all = new Set(Object.keys(form) as RecordField[]);
    setTouched(all);
    const found = validateRecordForm(form, { only: all });
    if (Object.keys(found).length > 0) return focusFirstInvalid(Object.keys(found));
    setBusy(true);
    try {
      const record = await api.post<SubmittedRecord>('/api/v1/records', toSubmission(form));
      setDone(record ?? {});
      setForm(EMPTY_RECORD_FORM);
      setTouched(new Set());
      setServerErrors(new Map());
    } catch (error) {
      const byField = new Map<RecordField, FieldError[]>();
      let unplaced = false;
      for (const e of error instanceof ApiError ? (error.problem?.errors ?? []) : []) {
        const field = formFieldOf(e.field.replace(/\[\d+\]/g, ''));
        if (!field) unplaced = true;
        else byField.set(field, [...(byField.get(field) ?? []), e]);
      }
      setServerErrors(byField);
      setFailure(byField.size === 0 || unplaced ? error : undefined);
      focusFirstInvalid(byField.keys());
    } finally {
      setBusy(false);
    }
  };

  const invalidCount = Object.keys(problems).length + serverErrors.size;
  return (
    <>
      <PageTitle>{t('record.submit.title')}</PageTitle>
      <section aria-labelledby="record-form-title" className="panel">
        <h2 id="record-form-title">{t('record.submit.form')}</h2>
        <p className="muted">
          {t('common.requiredNote')} {DOUBLE_PUBLICITY_KINDS.includes(form.kind) ? t('record.submit.doublePublicity') : null}
        </p>
        <Notice kind="error">
          {failure !== undefined
            ? problemMessage(i18n, failure)
            : invalidCount > 0 && touched.size > 3
              ? t('error.fixFields')
              : null}
        </Notice>
        <Notice kind="success">
          {done ? i18n.rich('record.submit.done', { id: <Data>{done.id ?? done.recordId ?? ''}</Data> }) : null}
        </Notice>
        <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          <SelectField
            id="record-kind"
            label={t('record.field.kind')}
            required
            value={form.kind}
            options={RECORD_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            onChange={(v) => update('kind', v)}
            error={errorOf('kind')}
          />
          <SelectField
            id="record-severity"
            label={t('record.field.severity')}
            required={required.has('severity')}
            value={form.severity}
            options={[
              { value: '', label: t('record.severity.none') },
              ...(['light', 'general', 'serious'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })),
            ]}
            onChange={(v) => (update('severity', v), touch('severity'))}
            error={errorOf('severity')}
          />
          <SelectField
            id="record-subjectCategory"
            label={t('record.field.subjectCategory')}
            value={form.subjectCategory}
            options={(['legal_person', 'individual_business'] as const).map((c) => ({
              value: c,
              label: t(`subjectCategory.${c}`),
            }))}
            onChange={(v) => update('subjectCategory', v)}
          />
          {TEXT_FIELDS.map(({ field, label, type, hint }) => (
            <TextField
              key={field}
              id={`record-${field}`}
              label={t(label)}
              hint={hint ? t(hint) : undefined}
              type={type}
              inputMode={field === 'fineAmountYuan' ? 'decimal' : undefined}
              required={required.has(field)}
              value={form[field]}
              spellCheck={field.endsWith('Uscc') ? false : undefined}
              maxLength={field === 'content' || field === 'legalBasis' || field === 'remarks' ? 4000 : 200}
              onChange={(v) => update(field, v)}
              onBlur={() => touch(field)}
              error={errorOf(field)}
            />
          ))}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('record.submit.working') : t('record.submit.submit')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
