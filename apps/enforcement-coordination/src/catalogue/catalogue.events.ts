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
  };
}

export type MeasureEvent = MeasureRegistered;
export type MemorandumEvent = MemorandumAdopted;
