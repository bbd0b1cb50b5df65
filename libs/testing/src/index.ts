export * from './clock';
export * from './database';
export * from './e2e/cluster';
export * from './specification';
export * from './test-app';
export * from './wait-for';
