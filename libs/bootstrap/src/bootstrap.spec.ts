import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { DomainError } from '@credit-share/contracts';
import { WrongExpectedVersionError } from '@credit-share/event-store';
import { IsIn, IsInt, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { ConfigError, PlatformConfig, loadConfig } from './config';
import { loadDistributedServiceConfig } from './service-process';
import { ProblemDetailsFilter } from './problem-details.filter';
import { flattenValidationErrors } from './validation';

describe('configuration', () => {
  it('has sensible defaults', () => {
    const config = loadConfig(PlatformConfig, {});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: '.data', AUTH_MODE: 'dev', KAFKA_PARTITIONS: 3 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads only its own variables and converts numbers', () => {
    const config = loadConfig(PlatformConfig, { PORT: '8080', HOME: '/root', DATABASE_URL: 'postgres://x@h/db' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgres://x@h/db');
    expect(config).not.toHaveProperty('HOME');
  });

  it('fails fast listing every bad value', () => {
    let error: unknown;
    try {
      loadConfig(PlatformConfig, { PORT: 'eighty', KAFKA_BROKERS: 'nohost', AUTH_MODE: 'oidc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/KAFKA_BROKERS must be host:port/);
    expect(message).toMatch(/AUTH_JWKS_URL/);
    expect(message).toMatch(/AUTH_ISSUER/);
  });

  it("reads the web console's OIDC client, which is optional (the console then says it cannot sign anyone in)", () => {
    const oidc = {
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://idp.example.test/realms/x',
      AUTH_JWKS_URL: 'https://idp.example.test/jwks',
    };
    const withoutClient = loadConfig(PlatformConfig, oidc);
    expect(withoutClient.AUTH_CONSOLE_CLIENT_ID).toBeUndefined();
    expect(withoutClient.AUTH_CONSOLE_SCOPE).toBe('openid');
    expect(
      loadConfig(PlatformConfig, {
        ...oidc,
        AUTH_CONSOLE_CLIENT_ID: 'credit-share-console',
        AUTH_CONSOLE_SCOPE: 'openid credit-share',
      }),
    ).toMatchObject({ AUTH_CONSOLE_CLIENT_ID: 'credit-share-console', AUTH_CONSOLE_SCOPE: 'openid credit-share' });
  });
});

describe('a distributed service process', () => {
  it('requires DATABASE_URL and KAFKA_BROKERS, which are optional elsewhere', () => {
    expect(() => loadDistributedServiceConfig({})).toThrow(
      /DATABASE_URL: is required by this process[\s\S]*KAFKA_BROKERS: is required/,
    );
    expect(loadDistributedServiceConfig({ DATABASE_URL: 'postgres://h/db', KAFKA_BROKERS: 'k:9092' })).toMatchObject({
      DATABASE_URL: 'postgres://h/db',
      KAFKA_BROKERS: 'k:9092',
    });
  });

  it('accepts TLS and SASL settings for managed Kafka, and wants credentials with a mechanism', () => {
    expect(
      loadConfig(PlatformConfig, {
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toMatchObject({
      KAFKA_SSL: true,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
    });
    expect(() => loadConfig(PlatformConfig, { KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD/,
    );
  });
});

describe('validation errors', () => {
  class Line {
    @IsIn(['a', 'b']) kind!: string;
  }
  class Body {
    @IsInt() count!: number;
    @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  }

  it('are flattened to {field, code, message} with paths into arrays', () => {
    const errors = validateSync(plainToInstance(Body, { count: 'x', lines: [{ kind: 'a' }, { kind: 'z' }] }));
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'count', code: 'IS_INT', message: 'count must be an integer number' },
      { field: 'lines[1].kind', code: 'IS_IN', message: 'kind must be one of the following values: a, b' },
    ]);
  });
});

describe('problem details', () => {
  const filter = new ProblemDetailsFilter();
  const respond = (exception: unknown) => {
    let status = 0;
    let body = '';
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      status(s: number) {
        status = s;
        return this;
      },
      type(t: string) {
        headers['content-type'] = t;
        return this;
      },
      setHeader(k: string, v: string) {
        headers[k] = v;
      },
      send(b: string) {
        body = b;
      },
    };
    filter.respond(exception, { originalUrl: '/api/v1/x', url: '/api/v1/x' } as never, res as never);
    return { status, headers, body: JSON.parse(body) as Record<string, unknown> };
  };

  it('map each domain error kind once', () => {
    expect(respond(DomainError.validation('X.INVALID', 'bad', [{ field: 'f', code: 'C', message: 'm' }]))).toMatchObject({
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'urn:credit-share:problem:X.INVALID',
        title: 'Bad Request',
        code: 'X.INVALID',
        detail: 'bad',
        instance: '/api/v1/x',
        errors: [{ field: 'f', code: 'C', message: 'm' }],
      },
    });
    expect(respond(DomainError.ruleViolated('X.RULE', 'no')).status).toBe(422);
    expect(respond(DomainError.notFound('X.NONE', 'no')).status).toBe(404);
    expect(respond(DomainError.conflict('X.DUP', 'no')).status).toBe(409);
    expect(respond(DomainError.forbidden('X.NO', 'no')).status).toBe(403);
    expect(respond(new WrongExpectedVersionError('s', 1, 2))).toMatchObject({
      status: 409,
      body: { code: 'CONCURRENCY.CONFLICT' },
    });
  });

  it('keep the code and field errors of HTTP exceptions', () => {
    expect(respond(new ForbiddenException({ code: 'AUTH.ROLE_REQUIRED', message: 'needs operator' }))).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED', detail: 'needs operator' },
    });
    expect(
      respond(
        new BadRequestException({
          code: 'REQUEST.VALIDATION_FAILED',
          message: 'bad',
          errors: [{ field: 'a', code: 'B', message: 'c' }],
        }),
      ).body,
    ).toMatchObject({
      errors: [{ field: 'a', code: 'B', message: 'c' }],
    });
  });

  it('never leak internals of an unexpected error', () => {
    const { status, body } = respond(new Error('connection to 10.0.0.5 failed: password authentication failed for user "admin"'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|password|stack/);
    expect(body).toMatchObject({ code: 'INTERNAL' });
  });
});
