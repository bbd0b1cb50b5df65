export * from './envelope';
export * from './errors';
export * from './topics';
export * from './registry';
export * from './organizations/organization.contract';
