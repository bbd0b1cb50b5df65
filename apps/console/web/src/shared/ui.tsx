// Small pieces every page of the second round shares: loading data with its failure, items of a list answer,
// status and deadline badges, the grade badge, a file download, and a bar chart drawn in SVG.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Data, useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { deadlineOf } from './deadline';

/** Loads with `load` whenever it changes; `reload` runs it again. */
export function useLoad<T>(load: (() => Promise<T>) | undefined): {
  data: T | undefined;
  failure: unknown;
  loading: boolean;
  reload(): void;
} {
  const [data, setData] = useState<T>();
  const [failure, setFailure] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!load) return;
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setFailure(undefined);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setFailure(error);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, failure, loading, reload };
}

/** The items of a list answer, whether the platform sends an array or `{items|records|…: [...]}`. */
export function itemsOf<T>(answer: unknown, ...keys: string[]): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === 'object') {
    for (const key of [...keys, 'items', 'data', 'results']) {
      const value = (answer as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

/** A code from the platform in the reader's language when the catalogue knows it, else the code itself. */
export function Code({ prefix, code }: { prefix: string; code: string | null | undefined }) {
  const i18n = useI18n();
  if (code === null || code === undefined || code === '') return <span className="muted">—</span>;
  const key = `${prefix}.${code}`;
  return i18n.has(key) ? <>{i18n.t(key)}</> : <Data>{code}</Data>;
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'info' | 'quiet'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function DateTime({ value }: { value: string | null | undefined }) {
  const i18n = useI18n();
  if (!value) return <span className="muted">—</span>;
  return <time dateTime={value}>{i18n.dateTime(value)}</time>;
}

/** A due date with the working days left, or marked overdue. */
export function Due({ at, closed }: { at: string | null | undefined; closed?: boolean }) {
  const i18n = useI18n();
  if (!at) return <span className="muted">—</span>;
  const deadline = deadlineOf(at);
  return (
    <span className="due">
      <DateTime value={at} />
      {closed || !deadline ? null : deadline.overdue ? (
        <>
          {' '}
          <Badge tone="bad">{i18n.t('due.overdue')}</Badge>
        </>
      ) : Number.isFinite(deadline.workingDaysLeft) ? (
        <span className="muted"> {i18n.t('due.workingDaysLeft', { count: deadline.workingDaysLeft })}</span>
      ) : null}
    </span>
  );
}

const GRADE_TONE: Record<string, 'ok' | 'info' | 'warn' | 'bad'> = { A: 'ok', B: 'info', C: 'warn', D: 'bad' };

export function GradeBadge({ grade, small }: { grade: string; small?: boolean }) {
  const i18n = useI18n();
  const key = `grade.${grade}` as MessageKey;
  return (
    <span
      className={`grade grade--${GRADE_TONE[grade] ?? 'info'}${small ? ' grade--small' : ''}`}
      role="img"
      aria-label={i18n.has(key) ? i18n.t(key) : grade}
    >
      <span aria-hidden="true" translate="no">
        {grade}
      </span>
    </span>
  );
}

/** Offers text as a file to save (a Blob URL: allowed by the console's Content-Security-Policy). */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// React's SVG types lack the global `translate` attribute; values from the data are marked with it all the same.
const NO_TRANSLATE = { translate: 'no' } as Record<string, string>;

/** Horizontal bars, one per item; the values are also in the accessible table the chart stands for. */
export function BarChart({
  title,
  items,
  tone = 'info',
}: {
  title: string;
  items: ReadonlyArray<{ label: string; value: number; data?: boolean }>;
  tone?: 'info' | 'bad' | 'ok' | 'warn';
}) {
  const i18n = useI18n();
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowHeight = 28;
  const labelWidth = 170;
  const width = 480;
  const height = Math.max(rowHeight, items.length * rowHeight);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {items.length === 0 ? <p className="muted">{i18n.t('profile.none')}</p> : null}
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        {items.map((item, i) => {
          const barWidth = ((width - labelWidth - 60) * item.value) / max;
          return (
            <g key={`${item.label}-${i}`} transform={`translate(0 ${i * rowHeight})`}>
              <text
                x={labelWidth - 8}
                y={rowHeight / 2 + 5}
                textAnchor="end"
                className="chart__label"
                {...(item.data ? NO_TRANSLATE : {})}
              >
                {item.label}
              </text>
              <rect
                x={labelWidth}
                y={4}
                width={Math.max(barWidth, 1)}
                height={rowHeight - 8}
                className={`chart__bar chart__bar--${tone}`}
              />
              <text x={labelWidth + barWidth + 6} y={rowHeight / 2 + 5} className="chart__value" {...NO_TRANSLATE}>
                {i18n.number(item.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
