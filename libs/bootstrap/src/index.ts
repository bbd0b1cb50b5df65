export * from './config';
export * from './http-app';
export * from './platform';
export * from './problem-details.filter';
export * from './run';
export * from './validation';
export * from './service-process';
