// The one place errors become HTTP responses: RFC 9457 problem details with a stable `code`, and for validation
// the list of `{field, code, message}`. A 5xx never carries a stack trace or internal message to the client.
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { isDomainError, type DomainErrorKind, type FieldError } from '@credit-share/contracts';
import { WrongExpectedVersionError } from '@credit-share/event-store';
import { currentContext } from '@credit-share/observability';
import type { Request, Response } from 'express';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId?: string;
  errors?: FieldError[];
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  rule_violated: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemTypeUri(code: string): string {
  return `urn:credit-share:problem:${code}`;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  respond(exception: unknown, request: Request, response: Response): void {
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (response.headersSent) {
      response.end();
      return;
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    const base = { instance: request.originalUrl ?? request.url, correlationId: currentContext()?.correlationId };
    if (isDomainError(exception)) {
      const status = STATUS_BY_KIND[exception.kind];
      return {
        ...base,
        type: problemTypeUri(exception.code),
        title: TITLES[status]!,
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.errors.length > 0 ? { errors: [...exception.errors] } : {}),
      };
    }
    if (exception instanceof WrongExpectedVersionError) {
      return {
        ...base,
        type: problemTypeUri('CONCURRENCY.CONFLICT'),
        title: TITLES[409]!,
        status: 409,
        code: 'CONCURRENCY.CONFLICT',
        detail: 'the resource changed concurrently; retry the request',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const code = typeof fields['code'] === 'string' ? fields['code'] : `HTTP.${status}`;
      const detail =
        typeof fields['message'] === 'string'
          ? fields['message']
          : Array.isArray(fields['message'])
            ? (fields['message'] as unknown[]).join('; ')
            : typeof body === 'string'
              ? body
              : exception.message;
      const errors = Array.isArray(fields['errors']) ? (fields['errors'] as FieldError[]) : undefined;
      return {
        ...base,
        type: problemTypeUri(code),
        title: TITLES[status] ?? 'Error',
        status,
        detail,
        code,
        ...(errors ? { errors } : {}),
      };
    }
    // body-parser errors carry a status and a type (malformed JSON, payload too large, bad encoding).
    const status =
      (exception as { status?: unknown; statusCode?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const parserType = (exception as { type?: string }).type;
      const code =
        parserType === 'entity.parse.failed'
          ? 'REQUEST.MALFORMED_JSON'
          : parserType === 'entity.too.large'
            ? 'REQUEST.TOO_LARGE'
            : `HTTP.${status}`;
      const detail =
        code === 'REQUEST.MALFORMED_JSON'
          ? 'the request body is not valid JSON'
          : code === 'REQUEST.TOO_LARGE'
            ? 'the request body is larger than this route accepts'
            : (exception as Error).message;
      return { ...base, type: problemTypeUri(code), title: TITLES[status] ?? 'Bad Request', status, code, detail };
    }
    return {
      ...base,
      type: problemTypeUri('INTERNAL'),
      title: TITLES[500]!,
      status: 500,
      code: 'INTERNAL',
      detail: 'an unexpected error occurred; quote the correlation id when reporting it',
    };
  }
}
