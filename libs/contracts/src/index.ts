export * from './envelope';
export * from './errors';
export * from './topics';
export * from './registry';
export * from './organizations/organization.contract';
// The working-day calendar is shared policy: every service counts time limits in the same working days.
export * from './calendar/cst-date';
export * from './calendar/working-days';
export { CHINA_HOLIDAYS } from './calendar/china-holidays';
export * from './records/record.contract';
export * from './records/submission.contract';
export * from './supervision/supervision.contract';
export * from './enforcement/enforcement.contract';
export * from './profiles/access.contract';
