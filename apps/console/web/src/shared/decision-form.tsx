// An inline decision: one choice among outcomes and a reason, both required; used for listings, objections and
// repairs, whose routes all take `{outcome, reason}` (plus what `extra` adds).
import { useState, type FormEvent, type ReactNode } from 'react';
import { Notice, SelectField, TextField } from '../forms/fields';
import { problemMessage } from '../forms/messages';
import { useI18n } from '../i18n/i18n';

export function DecisionForm({
  id,
  outcomes,
  submitLabel,
  onSubmit,
  extra,
}: {
  id: string;
  outcomes: ReadonlyArray<{ value: string; label: string }>;
  submitLabel: string;
  onSubmit(decision: { outcome: string; reason: string }): Promise<void>;
  extra?: ReactNode;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [outcome, setOutcome] = useState(outcomes[0]?.value ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (!reason.trim()) return;
    setBusy(true);
    try {
      await onSubmit({ outcome, reason: reason.trim() });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-grid decision">
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <SelectField
        id={`${id}-outcome`}
        label={t('decision.outcome')}
        required
        value={outcome}
        options={outcomes}
        onChange={setOutcome}
      />
      <TextField
        id={`${id}-reason`}
        label={t('decision.reason')}
        required
        value={reason}
        onChange={setReason}
        error={tried && !reason.trim() ? t('error.required') : undefined}
      />
      {extra}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
