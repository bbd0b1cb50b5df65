// Inspection plans (双随机, POST /api/v1/inspection-plans): subjects drawn at random, weighted by grade, reproducible
// from the seed, and inspectors assigned; the plan's subjects shown once published.
import { useState, type FormEvent } from 'react';
import { Notice, TextField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { GradeBadge } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';

interface PlanView {
  id?: string;
  planId?: string;
  seed: string;
  samplingRates?: Record<string, number>;
  subjects: Array<{ uscc: string; grade: string; inspector: string; name?: string }>;
}

const GRADES = ['A', 'B', 'C', 'D'] as const;

export function InspectionPlansPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [seed, setSeed] = useState('');
  const [inspectors, setInspectors] = useState('');
  const [rates, setRates] = useState<Record<string, string>>({ A: '', B: '', C: '', D: '' });
  const [tried, setTried] = useState(false);
  const [plan, setPlan] = useState<PlanView>();
  const [failure, setFailure] = useState<unknown>();
  const inspectorList = inspectors.split(/[\s,，、]+/).filter(Boolean);
  const badRate = (v: string) => v.trim() !== '' && !(Number(v) >= 0 && Number(v) <= 1);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(undefined);
    if (inspectorList.length === 0 || GRADES.some((g) => badRate(rates[g]!))) return;
    const samplingRates = Object.fromEntries(GRADES.filter((g) => rates[g]!.trim()).map((g) => [g, Number(rates[g])]));
    try {
      setPlan(
        await api.post<PlanView>('/api/v1/inspection-plans', {
          inspectors: inspectorList,
          ...(seed.trim() ? { seed: seed.trim() } : {}),
          ...(Object.keys(samplingRates).length ? { samplingRates } : {}),
        }),
      );
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <PageTitle>{t('plans.title')}</PageTitle>
      <section className="panel" aria-labelledby="plans-form">
        <h2 id="plans-form">{t('plans.create')}</h2>
        <p className="muted">{t('plans.intro')}</p>
        <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          <TextField
            id="plans-inspectors"
            label={t('plans.inspectors')}
            hint={t('plans.inspectorsHint')}
            required
            value={inspectors}
            onChange={setInspectors}
            error={tried && inspectorList.length === 0 ? t('error.required') : undefined}
          />
          <TextField
            id="plans-seed"
            label={t('plans.seed')}
            hint={t('plans.seedHint')}
            value={seed}
            onChange={setSeed}
            spellCheck={false}
          />
          {GRADES.map((g) => (
            <TextField
              key={g}
              id={`plans-rate-${g}`}
              label={t(`plans.rate.${g}`)}
              inputMode="decimal"
              value={rates[g]!}
              onChange={(v) => setRates((r) => ({ ...r, [g]: v }))}
              error={badRate(rates[g]!) ? t('plans.rateInvalid') : undefined}
            />
          ))}
          <div className="actions">
            <button type="submit" className="primary">
              {t('plans.submit')}
            </button>
          </div>
        </form>
      </section>
      {plan ? (
        <section className="panel" aria-labelledby="plans-result">
          <h2 id="plans-result">{t('plans.result')}</h2>
          <p>
            {t('plans.seed')} <Data>{plan.seed}</Data> · {t('plans.count', { count: plan.subjects.length })}
          </p>
          <div className="table-frame">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('profile.uscc')}</th>
                  <th scope="col">{t('plans.grade')}</th>
                  <th scope="col">{t('plans.inspector')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.subjects.map((s) => (
                  <tr key={s.uscc}>
                    <th scope="row">
                      <Data>{s.uscc}</Data>
                    </th>
                    <td>
                      <GradeBadge grade={s.grade} small />
                    </td>
                    <td>
                      <Data>{s.inspector}</Data>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
