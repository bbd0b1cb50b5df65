// Domain events of one listing's enforcement (stream `enforcement-<listingId>`): the process manager's history.
import type { AlertKind, AlertOutcome, ListType } from '@credit-share/contracts';

export type DeadlineStage = 'acknowledgement' | 'feedback';

interface AlertRef {
  alertId: string;
  listingId: string;
  uscc: string;
  measureId: string;
  org: string;
  kind: AlertKind;
}

/** The listing decision that started enforcement: kept so a check can say why a measure is in force. */
export interface ListingEnforced {
  type: 'ListingEnforced';
  data: {
    listingId: string;
    uscc: string;
    listType: ListType;
    legalBasis: string;
    reason: string;
    decidedBy: string;
    decidedAt: string;
    basisRecordIds: string[];
    effectiveUntil?: string;
  };
}

export interface AlertIssued {
  type: 'AlertIssued';
  data: AlertRef & {
    listType: ListType;
    measureVersion: number;
    issuedAt: string;
    acknowledgeBy: string;
    feedbackBy: string;
    /** For a release alert: the apply alert whose measure is released. */
    releases?: string;
  };
}

export interface AlertAcknowledged {
  type: 'AlertAcknowledged';
  data: AlertRef & { acknowledgedAt: string; user: string };
}

export interface AlertClosed {
  type: 'AlertClosed';
  data: AlertRef & { outcome: AlertOutcome; reason: string; closedAt: string; user: string };
}

export interface AlertOverdue {
  type: 'AlertOverdue';
  data: AlertRef & { stage: DeadlineStage; dueAt: string; escalatedTo: string };
}

/** An apply alert still without feedback when the listing ended: nothing to apply any more. */
export interface AlertWithdrawn {
  type: 'AlertWithdrawn';
  data: AlertRef & { reason: string; withdrawnAt: string };
}

export interface BasisRecordRepaired {
  type: 'BasisRecordRepaired';
  data: { listingId: string; uscc: string; recordId: string; repairedAt: string };
}

export interface ListingEnforcementEnded {
  type: 'ListingEnforcementEnded';
  data: {
    listingId: string;
    uscc: string;
    listType: ListType;
    cause: 'expired' | 'repaired' | 'decision' | 'declined';
    reason: string;
    removedAt: string;
  };
}

export type EnforcementEvent =
  | ListingEnforced
  | AlertIssued
  | AlertAcknowledged
  | AlertClosed
  | AlertOverdue
  | AlertWithdrawn
  | BasisRecordRepaired
  | ListingEnforcementEnded;
