// A provider uploads a CSV or XLSX file of 双公示 columns (POST /api/v1/records/import, multipart field `file`, optional
// `severity`): a progress bar while it travels, then the per-row report — accepted and rejected counts, each
// rejected row with its field errors — and the rejected rows as a CSV to fix and upload again.
import { useRef, useState, type FormEvent } from 'react';
import { Notice, SelectField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, download } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { errorsCsv, rejectedRows, rejectedRowsCsv, type SubmissionReport } from './report';

export function ImportPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<File>();
  const [severity, setSeverity] = useState('');
  const [progress, setProgress] = useState<number>();
  const [report, setReport] = useState<SubmissionReport>();
  const [fileText, setFileText] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [missingFile, setMissingFile] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!file) {
      setMissingFile(true);
      input.current?.focus();
      return;
    }
    setReport(undefined);
    setProgress(0);
    const form = new FormData();
    form.append('file', file, file.name);
    if (severity) form.append('severity', severity);
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    try {
      const [answer, text] = await Promise.all([
        api.upload<SubmissionReport>('/api/v1/records/import', form, setProgress),
        isCsv ? file.text() : Promise.resolve(undefined),
      ]);
      setProgress(1);
      setReport(answer);
      setFileText(text);
    } catch (error) {
      setFailure(error);
      setProgress(undefined);
    }
  };

  const rejected = report ? rejectedRows(report) : [];
  const baseName = file?.name.replace(/\.[^.]+$/, '') ?? 'import';
  const percent = progress === undefined ? undefined : Math.round(progress * 100);
  const working = progress !== undefined && !report && failure === undefined;
  return (
    <>
      <PageTitle>{t('import.title')}</PageTitle>
      <section aria-labelledby="import-form-title" className="panel">
        <h2 id="import-form-title">{t('import.form')}</h2>
        <p className="muted">{t('import.intro')}</p>
        <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          <div className={missingFile ? 'field field--invalid' : 'field'}>
            <label htmlFor="import-file">
              {t('import.file')}
              <span className="required" aria-hidden="true">
                {' *'}
              </span>
            </label>
            <p id="import-file-hint" className="hint">
              {i18n.rich('import.fileHint', { formats: <Data>CSV / XLSX</Data> })}
            </p>
            {/* The browser's own file button speaks the browser's language; this one speaks the reader's. The input stays
                in the tab order (visually hidden), and the button-like label opens it with the mouse. */}
            <div className="file-picker">
              <input
                ref={input}
                id="import-file"
                name="file"
                type="file"
                className="file-picker__input"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-required
                aria-invalid={missingFile || undefined}
                aria-describedby="import-file-hint import-file-name import-file-error"
                onChange={(e) => {
                  setFile(e.target.files?.[0]);
                  setMissingFile(false);
                  setReport(undefined);
                  setProgress(undefined);
                }}
              />
              <span className="file-picker__button" aria-hidden="true" onClick={() => input.current?.click()}>
                {t('import.choose')}
              </span>
              <span id="import-file-name" className={file ? 'file-picker__name' : 'file-picker__name muted'}>
                {file ? <Data>{file.name}</Data> : t('import.noFile')}
              </span>
            </div>
            <p id="import-file-error" className="field-error" aria-live="polite">
              {missingFile ? t('import.fileMissing') : null}
            </p>
          </div>
          <SelectField
            id="import-severity"
            label={t('import.severity')}
            hint={t('import.severityHint')}
            value={severity}
            options={[
              { value: '', label: t('record.severity.none') },
              ...(['light', 'general', 'serious'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })),
            ]}
            onChange={setSeverity}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={working}>
              {working ? t('import.working') : t('import.submit')}
            </button>
          </div>
        </form>
        {percent !== undefined ? (
          <div className="progress">
            <label htmlFor="import-progress">{report ? t('import.done') : t('import.uploading')}</label>
            <progress id="import-progress" max={100} value={percent} aria-valuetext={`${percent}%`}>
              {percent}%
            </progress>
            <span aria-hidden="true" translate="no">
              {percent}%
            </span>
          </div>
        ) : null}
      </section>
      {report ? (
        <section aria-labelledby="import-report-title" className="panel" data-testid="import-report">
          <h2 id="import-report-title">{t('import.report')}</h2>
          <p role="status" className="summary">
            <Badge tone="ok">{t('import.accepted', { count: report.accepted })}</Badge>{' '}
            <Badge tone={report.rejected > 0 ? 'bad' : 'quiet'}>{t('import.rejected', { count: report.rejected })}</Badge>
          </p>
          {rejected.length > 0 ? (
            <>
              <div className="toolbar">
                {fileText !== undefined ? (
                  <button
                    type="button"
                    onClick={() => download(`${baseName}-rejected.csv`, rejectedRowsCsv(fileText, report) ?? '')}
                  >
                    {t('import.downloadRejected')}
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() =>
                    download(
                      `${baseName}-errors.csv`,
                      errorsCsv(report, [
                        t('import.col.row'),
                        t('import.col.field'),
                        t('import.col.code'),
                        t('import.col.message'),
                      ]),
                    )
                  }
                >
                  {t('import.downloadErrors')}
                </button>
              </div>
              <div className="table-frame">
                <table className="report">
                  <caption>{t('import.rejectedRows')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.col.row')}</th>
                      <th scope="col">{t('import.col.field')}</th>
                      <th scope="col">{t('import.col.code')}</th>
                      <th scope="col">{t('import.col.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rejected.flatMap((row) =>
                      (row.errors?.length ? row.errors : [{ field: '', code: '', message: '' }]).map((error, i) => (
                        <tr key={`${row.row}-${i}`} data-row={row.row}>
                          {i === 0 ? (
                            <th scope="row" rowSpan={row.errors?.length || 1} className="number">
                              {row.row}
                            </th>
                          ) : null}
                          <td>
                            <Data>
                              <code>{error.field}</code>
                            </Data>
                          </td>
                          <td>
                            <Data>
                              <code>{error.code}</code>
                            </Data>
                          </td>
                          <td>{errorText(i18n, error)}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function errorText(i18n: ReturnType<typeof useI18n>, error: { field: string; code: string; message: string }) {
  // Identifier codes of PRODUCT.md §3.1 and common validation codes in the reader's language; others as sent.
  const identifier = /SHXYM|DM$|uscc/i.test(error.field);
  for (const key of [`error.${error.code}`, ...(identifier ? [`error.uscc.${error.code}`] : [])]) {
    if (i18n.has(key)) {
      const text = i18n.t(key);
      if (!text.includes('{')) return text;
    }
  }
  return <Data lang="en">{error.message}</Data>;
}
