import type { Severity } from '@credit-share/contracts';

export interface SubjectRef {
  uscc: string;
  name: string;
}

export interface RepairApplied {
  type: 'RepairApplied';
  data: {
    repairId: string;
    recordId: string;
    providerOrg: string;
    subject: SubjectRef;
    severity: Severity | null;
    /** The credit commitment (信用承诺书) in the applicant's words. */
    commitment: string;
    /** Descriptions or URLs of the evidence that the obligations are fulfilled. */
    evidence: string[];
    appliedAt: string;
    /** The provider's decision is due by then (3 working days by default). */
    dueAt: string;
    /** The applicant hears back by then in any case (10 working days by default). */
    feedbackDueAt: string;
    policyVersion: string;
  };
}

export interface RepairDecided {
  type: 'RepairDecided';
  data: {
    repairId: string;
    recordId: string;
    providerOrg: string;
    subject: SubjectRef;
    outcome: 'approved' | 'rejected';
    reason: string;
    decidedAt: string;
    decidedBy: { user: string; org: string };
    /** Decided after the decision deadline (an SLA breach). */
    late: boolean;
  };
}

/** The decision deadline passed without a decision: an SLA breach, recorded and shown (not an integration event). */
export interface RepairDecisionOverdue {
  type: 'RepairDecisionOverdue';
  data: {
    repairId: string;
    recordId: string;
    providerOrg: string;
    subject: SubjectRef;
    dueAt: string;
  };
}

export type RepairEvent = RepairApplied | RepairDecided | RepairDecisionOverdue;
