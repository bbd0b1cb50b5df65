// The error vocabulary every service speaks (ARCHITECTURE.md "Domain errors"). Domain functions return or throw
// these; the HTTP edge maps each kind once to an RFC 9457 problem. Codes are stable strings clients may switch on
// (`ORGANIZATION.ALREADY_REGISTERED`), so renaming one is a breaking change of the published language.

export type DomainErrorKind = 'validation' | 'rule_violated' | 'not_found' | 'conflict' | 'forbidden';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(code: string, message: string, errors: readonly FieldError[] = []): DomainError {
    return new DomainError('validation', code, message, errors);
  }

  static ruleViolated(code: string, message: string): DomainError {
    return new DomainError('rule_violated', code, message);
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError('not_found', code, message);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError('conflict', code, message);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError('forbidden', code, message);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
