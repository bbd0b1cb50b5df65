// Request bodies and queries are validated by class-validator DTOs; every failure is reported per field with a
// stable code, and unknown fields are refused rather than silently dropped.
import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@credit-share/contracts';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: constraint === 'whitelistValidation' ? 'UNKNOWN_FIELD' : toCode(constraint),
      message: constraint === 'whitelistValidation' ? `${field} is not a field of this request` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function toCode(constraint: string): string {
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'REQUEST.VALIDATION_FAILED',
        message: 'the request has invalid fields',
        errors: flattenValidationErrors(errors),
      }),
  });
}
