import type { ListType } from '@credit-share/contracts';

export interface MeasureRegistered {
  type: 'MeasureRegistered';
  data: {
    measureId: string;
    version: number;
    content: string;
    target: string;
    legalBasis: string;
    implementingOrg: string;
    /** The implementing organisation's USCC: the key the measure is published under (it concerns no subject). */
    implementingOrgUscc: string;
  };
}

export interface MemorandumAdopted {
  type: 'MemorandumAdopted';
  data: {
    memorandumId: string;
    version: number;
    listType: ListType;
    measureIds: string[];
    title: string;
    /** The adopting organisation's (the operator's) USCC: the key the memorandum is published under. */
    adoptedByUscc: string;
  };
}

export type MeasureEvent = MeasureRegistered;
export type MemorandumEvent = MemorandumAdopted;
