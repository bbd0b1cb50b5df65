export * from './health';
export * from './logger';
export * from './metrics';
export * from './observability.module';
export * from './public.decorator';
export * from './request-context';
export * from './tracing';
