export * from './clock';
export * from './database';
export * from './specification';
export * from './test-app';
export * from './wait-for';
