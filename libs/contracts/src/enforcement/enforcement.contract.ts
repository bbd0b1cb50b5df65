// Enforcement coordination (PRODUCT.md §3.6): measures, memoranda and the alerts that carry them to the implementing
// organisations. Owned by enforcement-coordination; credit profiles shows measures in force and their feedback state.

import type { ListType } from '../supervision/supervision.contract';

export interface MeasureRegisteredV1 {
  measureId: string;
  version: number;
  content: string;
  target: string;
  legalBasis: string;
  implementingOrg: string;
}

export interface MemorandumAdoptedV1 {
  memorandumId: string;
  version: number;
  listType: ListType;
  measureIds: string[];
}

export type AlertKind = 'apply' | 'release';
export type AlertOutcome = 'applied' | 'not_applicable' | 'deferred';

interface AlertRefV1 {
  alertId: string;
  uscc: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: AlertKind;
}

export interface AlertIssuedV1 extends AlertRefV1 {
  listType: ListType;
  issuedAt: string;
  acknowledgeBy: string;
  feedbackBy: string;
}

export interface AlertAcknowledgedV1 extends AlertRefV1 {
  acknowledgedAt: string;
  user: string;
}

/** Feedback closes an alert; for a release alert, `applied` confirms the release. */
export interface AlertClosedV1 extends AlertRefV1 {
  outcome: AlertOutcome;
  reason: string;
  closedAt: string;
  user: string;
}

export interface AlertOverdueV1 extends AlertRefV1 {
  stage: 'acknowledgement' | 'feedback';
  dueAt: string;
  escalatedTo: string; // the operator's organisation
}

export const ENFORCEMENT_EVENTS = {
  measureRegistered: 'MeasureRegistered',
  memorandumAdopted: 'MemorandumAdopted',
  alertIssued: 'AlertIssued',
  alertAcknowledged: 'AlertAcknowledged',
  alertClosed: 'AlertClosed',
  alertOverdue: 'AlertOverdue',
} as const;
