import type { ObjectionGround } from '@credit-share/contracts';

export interface SubjectRef {
  uscc: string;
  name: string;
}

export interface ObjectionFiled {
  type: 'ObjectionFiled';
  data: {
    objectionId: string;
    recordId: string;
    /** Version of the record the objection was filed against. */
    recordVersion: number;
    providerOrg: string;
    subject: SubjectRef;
    ground: ObjectionGround;
    statement: string;
    filedBy: 'subject' | 'operator';
    filedAt: string;
    dueAt: string;
    /** The objection-window policy the deadline was computed with. */
    policyVersion: string;
  };
}

export interface ObjectionDecided {
  type: 'ObjectionDecided';
  data: {
    objectionId: string;
    recordId: string;
    providerOrg: string;
    subject: SubjectRef;
    outcome: 'upheld' | 'rejected';
    resolution?: 'corrected' | 'withdrawn';
    reason: string;
    decidedAt: string;
    decidedBy: { user: string; org: string };
    /** Decided after the deadline (the breach was already raised by ObjectionOverdue). */
    late: boolean;
  };
}

export interface ObjectionOverdue {
  type: 'ObjectionOverdue';
  data: {
    objectionId: string;
    recordId: string;
    providerOrg: string;
    subject: SubjectRef;
    dueAt: string;
  };
}

export type ObjectionEvent = ObjectionFiled | ObjectionDecided | ObjectionOverdue;
