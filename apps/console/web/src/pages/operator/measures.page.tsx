// The measures catalogue (GET|POST /api/v1/measures: content, target, legal basis, implementing organisation) and
// the memoranda that map a list type to measures (GET|POST /api/v1/memoranda). The operator maintains both.
import { useCallback, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { ApiError, fieldErrorsOf } from '../../api/problem';
import { CheckboxGroup, Notice, SelectField, TextField } from '../../forms/fields';
import { fieldErrorMessage, problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Code, itemsOf, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';

interface MeasureView {
  id: string;
  version: number;
  content: string;
  target: string;
  legalBasis: string;
  implementingOrg: string;
}

interface MemorandumView {
  id: string;
  version: number;
  listType: string;
  title?: string;
  measureIds: string[];
}

export function MeasuresPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const mayChange = session.roles.includes('operator');
  const loadMeasures = useCallback(async () => itemsOf<MeasureView>(await api.get('/api/v1/measures'), 'measures'), [api]);
  const loadMemoranda = useCallback(async () => itemsOf<MemorandumView>(await api.get('/api/v1/memoranda'), 'memoranda'), [api]);
  const measures = useLoad(loadMeasures);
  const memoranda = useLoad(loadMemoranda);
  const byId = new Map((measures.data ?? []).map((m) => [m.id, m]));
  return (
    <>
      <PageTitle>{t('measures.title')}</PageTitle>
      {mayChange ? <RegisterMeasure api={api} onDone={measures.reload} /> : null}
      <section className="panel" aria-labelledby="measures-caption">
        <Notice kind="error">{measures.failure !== undefined ? problemMessage(i18n, measures.failure) : null}</Notice>
        <div className="table-frame">
          <table>
            <caption id="measures-caption">{t('measures.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measures.col.content')}</th>
                <th scope="col">{t('measures.col.target')}</th>
                <th scope="col">{t('record.field.legalBasis')}</th>
                <th scope="col">{t('measures.col.implementingOrg')}</th>
              </tr>
            </thead>
            <tbody>
              {(measures.data ?? []).map((m) => (
                <tr key={m.id} data-measure={m.id}>
                  <th scope="row">
                    <Data>{m.content}</Data>
                  </th>
                  <td>
                    <Data>{m.target}</Data>
                  </td>
                  <td>
                    <Data>{m.legalBasis}</Data>
                  </td>
                  <td>
                    <Data>{m.implementingOrg}</Data>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {mayChange && measures.data ? <AdoptMemorandum api={api} measures={measures.data} onDone={memoranda.reload} /> : null}
      <section className="panel" aria-labelledby="memoranda-title">
        <h2 id="memoranda-title">{t('memoranda.caption')}</h2>
        <Notice kind="error">{memoranda.failure !== undefined ? problemMessage(i18n, memoranda.failure) : null}</Notice>
        <ul className="link-list">
          {(memoranda.data ?? []).map((m) => (
            <li key={m.id}>
              <strong>
                <Code prefix="listType" code={m.listType} />
              </strong>
              {m.title ? (
                <>
                  {' · '}
                  <Data>{m.title}</Data>
                </>
              ) : null}
              {': '}
              <Data>{m.measureIds.map((id) => byId.get(id)?.content ?? id).join('; ')}</Data>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function RegisterMeasure({ api, onDone }: { api: Api; onDone(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const empty = { content: '', target: '', legalBasis: '', implementingOrg: '' };
  const [form, setForm] = useState(empty);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);
  const missing = (Object.keys(form) as Array<keyof typeof form>).filter((k) => !form[k].trim());
  const fieldErrors = failure instanceof ApiError ? fieldErrorsOf(failure.problem) : new Map();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    setDone(false);
    if (missing.length > 0) return;
    try {
      await api.post('/api/v1/measures', Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])));
      setForm(empty);
      setTried(false);
      setDone(true);
      onDone();
    } catch (error) {
      setFailure(error);
    }
  };
  const field = (name: keyof typeof form, label: string) => (
    <TextField
      id={`measure-${name}`}
      label={label}
      required
      value={form[name]}
      onChange={(v) => setForm((f) => ({ ...f, [name]: v }))}
      error={tried && !form[name].trim() ? t('error.required') : fieldErrorMessage(i18n, fieldErrors.get(name))}
    />
  );
  return (
    <section className="panel" aria-labelledby="measure-form">
      <h2 id="measure-form">{t('measures.register')}</h2>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <Notice kind="success">{done ? t('measures.registered') : null}</Notice>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        {field('content', t('measures.col.content'))}
        {field('target', t('measures.col.target'))}
        {field('legalBasis', t('record.field.legalBasis'))}
        {field('implementingOrg', t('measures.col.implementingOrgId'))}
        <div className="actions">
          <button type="submit" className="primary">
            {t('measures.registerSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AdoptMemorandum({ api, measures, onDone }: { api: Api; measures: MeasureView[]; onDone(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [listType, setListType] = useState('serious_dishonesty');
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    setDone(false);
    if (chosen.size === 0) return;
    try {
      await api.post('/api/v1/memoranda', {
        listType,
        measureIds: [...chosen],
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      setDone(true);
      setChosen(new Set());
      onDone();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="memorandum-form">
      <h2 id="memorandum-form">{t('memoranda.adopt')}</h2>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <Notice kind="success">{done ? t('memoranda.adopted') : null}</Notice>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        <SelectField
          id="memorandum-listType"
          label={t('listing.col.listType')}
          required
          value={listType}
          options={(['serious_dishonesty', 'red'] as const).map((l) => ({ value: l, label: t(`listType.${l}`) }))}
          onChange={setListType}
        />
        <TextField id="memorandum-title" label={t('memoranda.title')} value={title} onChange={setTitle} />
        <CheckboxGroup
          id="memorandum-measures"
          legend={t('memoranda.measures')}
          options={measures.map((m) => ({ value: m.id, label: <Data>{`${m.content} · ${m.implementingOrg}`}</Data> }))}
          selected={chosen}
          onChange={setChosen}
          error={tried && chosen.size === 0 ? t('error.required') : undefined}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t('memoranda.adoptSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
