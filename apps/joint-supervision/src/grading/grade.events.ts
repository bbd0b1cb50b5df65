import type { GradeChangedV1 } from '@credit-share/contracts';
import type { RuleSetRules } from './rule-set';

export interface GradeChanged {
  type: 'GradeChanged';
  data: GradeChangedV1;
}

export interface RuleSetAdopted {
  type: 'RuleSetAdopted';
  data: {
    version: number;
    effectiveFrom: string;
    rules: RuleSetRules;
    adoptedBy: string;
    /** The platform operator's USCC: the Kafka key. */ keyUscc?: string;
  };
}

export type GradeEvent = GradeChanged;
export type RuleSetEvent = RuleSetAdopted;
