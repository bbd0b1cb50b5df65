// Builds a Nest HTTP application the same way for every process (standalone and each distributed service):
// JSON logs, correlation ids, problem details, validation, OpenAPI at /api/openapi.json and Swagger UI at /api/docs.
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import { uuidv7 } from '@credit-share/event-store';
import { runInContext } from '@credit-share/observability';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const API_V1 = 'api/v1';

/** A caller may pass its own correlation id (x-correlation-id) if it is a plain token. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export interface HttpAppOptions {
  title: string;
  description: string;
  logger: LoggerService;
  /** Largest JSON body accepted (batch submissions are up to 1,000 records). */
  jsonLimit?: string;
}

export async function createHttpApp(rootModule: unknown, options: HttpAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, {
    logger: options.logger,
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, options);
  return app;
}

export function configureHttpApp(app: INestApplication, options: Omit<HttpAppOptions, 'logger'>): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use((req: Request, res: Response, next: NextFunction) => {
    const offered = req.headers['x-correlation-id'];
    const correlationId = typeof offered === 'string' && CORRELATION_ID.test(offered) ? offered : uuidv7();
    res.setHeader('x-correlation-id', correlationId);
    runInContext({ correlationId, causationId: null }, next);
  });
  express.use(json({ limit: options.jsonLimit ?? '5mb' }));
  const problems = new ProblemDetailsFilter();
  // Body-parser failures happen before Nest routes the request; answer them as problem details too.
  express.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    problems.respond(error, req, res);
  });
  app.useGlobalFilters(problems);
  app.useGlobalPipes(createValidationPipe());
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
}
