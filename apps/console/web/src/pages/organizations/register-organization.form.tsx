// Registering an organisation (POST /api/v1/organizations, operator only). The USCC is checked as it is typed with
// the platform's own GB 32100 function; everything else the platform checks, and its RFC 9457 field errors are shown
// next to the fields they name.
import { useRef, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { ApiError, fieldErrorsOf, type FieldError } from '../../api/problem';
import { kindsFor, RECORD_KINDS, type RecordKind } from '../../forms/catalogue';
import { CheckboxGroup, Notice, SelectField, TextField } from '../../forms/fields';
import { fieldErrorMessage, problemMessage, usccMessage } from '../../forms/messages';
import { checkUscc } from '../../forms/uscc-check';
import { Data, useI18n } from '../../i18n/i18n';
import { kindLabel } from './kind-label';
import {
  REGISTRABLE_TYPES,
  SHARING_CLASSES,
  type Organization,
  type OrganizationType,
  type RegisterOrganization,
  type SharingClass,
} from './organization';

type Field = 'id' | 'name' | 'type' | 'uscc' | 'catalogueItems' | 'sharingClasses';
const FIELDS: readonly Field[] = ['id', 'name', 'type', 'uscc', 'catalogueItems', 'sharingClasses'];

/** Problem codes that are about one field, though the platform reports them for the whole request. */
const CODE_FIELDS: Record<string, Field> = {
  'ORGANIZATION.USCC_TAKEN': 'uscc',
  'ORGANIZATION.ALREADY_REGISTERED': 'id',
};

const EMPTY = {
  id: '',
  name: '',
  type: 'government_department' as OrganizationType,
  uscc: '',
  catalogueItems: new Set<RecordKind>(),
  sharingClasses: new Set<SharingClass>(['public']),
};

export function RegisterOrganizationForm({ api, onRegistered }: { api: Api; onRegistered(organization: Organization): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState(EMPTY);
  const [usccTouched, setUsccTouched] = useState(false);
  const [missing, setMissing] = useState<ReadonlySet<Field>>(new Set());
  const [serverErrors, setServerErrors] = useState<Map<string, FieldError[]>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<Organization>();
  const [busy, setBusy] = useState(false);
  const refs = {
    id: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    type: useRef<HTMLSelectElement>(null),
    uscc: useRef<HTMLInputElement>(null),
  };

  const uscc = checkUscc(form.uscc);
  // A length error while typing is noise; the other errors are certain as soon as they appear.
  const showUscc = form.uscc !== '' && uscc !== null && (usccTouched || uscc.code !== 'LENGTH');
  const allowedKinds = kindsFor(form.type);

  const update = <K extends keyof typeof EMPTY>(field: K & Field, value: (typeof EMPTY)[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setServerErrors((errors) => {
      if (!errors.has(field)) return errors;
      const next = new Map(errors);
      next.delete(field);
      return next;
    });
    setMissing((m) => (m.has(field) ? new Set([...m].filter((f) => f !== field)) : m));
    setDone(undefined);
  };

  const errorOf = (field: Field) => {
    if (missing.has(field)) return t('error.required');
    if (field === 'uscc' && showUscc) return usccMessage(i18n, uscc!);
    return fieldErrorMessage(i18n, serverErrors.get(field));
  };

  const focusFirstInvalid = (fields: Iterable<string>) => {
    const invalid = new Set(fields);
    const first = FIELDS.find((f) => invalid.has(f));
    if (first && first in refs) refs[first as keyof typeof refs].current?.focus();
    else if (first) document.getElementById(`org-${first}`)?.querySelector('input')?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(undefined);
    const required = new Set<Field>();
    if (!form.name.trim()) required.add('name');
    if (!form.uscc.trim()) required.add('uscc');
    setMissing(required);
    setUsccTouched(true);
    const invalid = [...required, ...(form.uscc.trim() && uscc ? ['uscc'] : [])];
    if (invalid.length > 0) {
      focusFirstInvalid(invalid);
      return;
    }
    const body: RegisterOrganization = {
      ...(form.id.trim() ? { id: form.id.trim() } : {}),
      name: form.name.trim(),
      type: form.type,
      uscc: form.uscc,
      catalogueItems: RECORD_KINDS.filter((k) => form.catalogueItems.has(k) && allowedKinds.includes(k)),
      sharingClasses: SHARING_CLASSES.filter((c) => form.sharingClasses.has(c)),
    };
    setBusy(true);
    try {
      const organization = await api.post<Organization>('/api/v1/organizations', body);
      setForm(EMPTY);
      setUsccTouched(false);
      setServerErrors(new Map());
      setDone(organization);
      onRegistered(organization);
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrorsOf(error.problem) : new Map<string, FieldError[]>();
      const code = error instanceof ApiError ? error.problem?.code : undefined;
      const codeField = code ? CODE_FIELDS[code] : undefined;
      if (codeField && error instanceof ApiError && error.problem) {
        byField.set(codeField, [{ field: codeField, code, message: error.problem.detail } as FieldError]);
      }
      setServerErrors(byField);
      const unplaced = [...byField.keys()].filter((f) => !(FIELDS as readonly string[]).includes(f));
      if (byField.size === 0 || unplaced.length > 0) setFailure(error);
      else setFailure(undefined);
      focusFirstInvalid(byField.keys());
    } finally {
      setBusy(false);
    }
  };

  const summary =
    failure !== undefined
      ? problemMessage(i18n, failure)
      : missing.size > 0 || serverErrors.size > 0 || (usccTouched && showUscc)
        ? t('error.fixFields')
        : null;

  return (
    <section aria-labelledby="register-title" className="panel">
      <h2 id="register-title">{t('orgs.register.title')}</h2>
      <p className="muted">{t('common.requiredNote')}</p>
      <Notice kind="error">{summary}</Notice>
      <Notice kind="success">{done ? i18n.rich('orgs.register.done', { name: <Data>{done.name}</Data> }) : null}</Notice>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        <TextField
          id="org-name"
          ref={refs.name}
          label={t('orgs.field.name')}
          required
          value={form.name}
          maxLength={200}
          onChange={(v) => update('name', v)}
          error={errorOf('name')}
        />
        <TextField
          id="org-uscc"
          ref={refs.uscc}
          label={t('orgs.field.uscc')}
          hint={t('orgs.field.usccHint')}
          required
          value={form.uscc}
          maxLength={40}
          spellCheck={false}
          onChange={(v) => update('uscc', v)}
          onBlur={() => setUsccTouched(true)}
          error={errorOf('uscc')}
        />
        <SelectField
          id="org-type"
          ref={refs.type}
          label={t('orgs.field.type')}
          required
          value={form.type}
          options={REGISTRABLE_TYPES.map((type) => ({ value: type, label: t(`orgType.${type}`) }))}
          onChange={(v) => update('type', v as OrganizationType)}
          error={errorOf('type')}
        />
        <TextField
          id="org-id"
          ref={refs.id}
          label={t('orgs.field.id')}
          hint={t('orgs.field.idHint')}
          value={form.id}
          maxLength={63}
          spellCheck={false}
          onChange={(v) => update('id', v)}
          error={errorOf('id')}
        />
        <CheckboxGroup
          id="org-catalogueItems"
          legend={t('orgs.field.catalogueItems')}
          hint={
            form.type === 'industry_association' || form.type === 'social_organization'
              ? t('orgs.field.catalogueItems.marketOnly')
              : undefined
          }
          options={RECORD_KINDS.map((kind) => ({
            value: kind,
            label: kindLabel(i18n, kind),
            disabled: !allowedKinds.includes(kind),
          }))}
          // Items the chosen type may not have are shown unticked and are not sent.
          selected={new Set([...form.catalogueItems].filter((k) => allowedKinds.includes(k)))}
          onChange={(v) => update('catalogueItems', v)}
          error={errorOf('catalogueItems')}
        />
        <CheckboxGroup
          id="org-sharingClasses"
          legend={t('orgs.field.sharingClasses')}
          options={SHARING_CLASSES.map((c) => ({ value: c, label: t(`sharing.${c}`) }))}
          selected={form.sharingClasses}
          onChange={(v) => update('sharingClasses', v)}
          error={errorOf('sharingClasses')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('orgs.register.working') : t('orgs.register.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
