// Saying what went wrong in the reader's language: the platform's error codes map to catalogue entries; a code the
// console does not know is shown with the platform's own (English) message, marked as such.
import type { ReactNode } from 'react';
import { fieldErrorKeys, problemKeys, type FieldError } from '../api/problem';
import { ApiError } from '../api/problem';
import { Data, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { UsccProblem } from './uscc-check';

export function usccMessage(i18n: I18n, problem: UsccProblem): ReactNode {
  switch (problem.code) {
    case 'LENGTH':
      return i18n.t('error.uscc.LENGTH', { count: problem.count });
    case 'CHECKSUM':
      return i18n.rich('error.uscc.CHECKSUM', { expected: <Data>{problem.expected}</Data> });
    case 'FORMAT':
      return i18n.t('error.uscc.FORMAT');
    case 'COMPONENT':
      return i18n.t('error.uscc.COMPONENT');
  }
}

export function fieldErrorMessage(i18n: I18n, errors: readonly FieldError[] | undefined): ReactNode {
  if (!errors?.length) return undefined;
  return errors.map((error, i) => {
    const key = fieldErrorKeys(error).find((k): k is MessageKey => i18n.has(k));
    // A message with placeholders needs values the platform's error does not carry; its own message is shown then.
    const text = key ? i18n.t(key) : undefined;
    return (
      <span key={i} className="field-error__item">
        {text && !text.includes('{') ? text : <Data lang="en">{error.message}</Data>}
      </span>
    );
  });
}

export function problemMessage(i18n: I18n, error: unknown): ReactNode {
  const key = problemKeys(error).find((k): k is MessageKey => i18n.has(k)) ?? 'error.other';
  if (key === 'error.other') {
    const status = error instanceof ApiError ? error.status : 0;
    const detail = error instanceof ApiError ? error.problem?.detail : undefined;
    return (
      <>
        {i18n.t('error.other', { status })}
        {detail ? (
          <>
            {' '}
            <Data lang="en">{detail}</Data>
          </>
        ) : null}
      </>
    );
  }
  return i18n.t(key);
}
