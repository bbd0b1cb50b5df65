// RFC 9457 problem details as the platform sends them (libs/bootstrap/src/problem-details.filter.ts), and how the
// console turns them into messages next to the fields they are about.
import type { FieldError } from '../../../../../libs/contracts/src/errors';

export type { FieldError };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
}

/** The platform could not be reached at all. */
export class NetworkError extends Error {}

/** `catalogueItems[2]` and `catalogueItems` are the same form control. */
export function formField(field: string): string {
  return field.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
}

/** The API's field errors grouped by form control, in the order they came. */
export function fieldErrorsOf(problem: Problem | undefined): Map<string, FieldError[]> {
  const byField = new Map<string, FieldError[]>();
  for (const error of problem?.errors ?? []) {
    const field = formField(error.field);
    byField.set(field, [...(byField.get(field) ?? []), error]);
  }
  return byField;
}

/**
 * Catalogue keys that can say a field error, most specific first: `error.uscc.CHECKSUM`, then `error.CHECKSUM`.
 * The caller uses the first its catalogue has, else the platform's own (English) message.
 */
export function fieldErrorKeys(error: FieldError): string[] {
  return [`error.${formField(error.field)}.${error.code}`, `error.${error.code}`];
}

/** Catalogue keys that can say a whole-request problem. */
export function problemKeys(error: unknown): string[] {
  if (error instanceof NetworkError) return ['error.network'];
  if (!(error instanceof ApiError)) return ['error.server'];
  const keys = error.problem?.code ? [`error.${error.problem.code}`] : [];
  if (error.status === 403) keys.push('error.forbidden');
  if (error.status >= 500) keys.push('error.server');
  if (error.problem?.errors?.length) keys.push('error.fixFields');
  keys.push('error.other');
  return keys;
}
