export * from './embedded-postgres';
export * from './free-port';
export * from './kafka-broker';
export * from './project-root';
export * from './service-process';
