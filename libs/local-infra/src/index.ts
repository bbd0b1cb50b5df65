export * from './embedded-postgres';
export * from './kafka-broker';
export * from './project-root';
