import { specification } from '@credit-share/testing';
import type { MeasureEvent, MemorandumEvent } from './catalogue.events';
import { decideRegisterMeasure, measureAggregate, type MeasureState, type RegisterMeasure } from './measure';
import { decideAdoptMemorandum, memorandumAggregate, type MemorandumState } from './memorandum';

const measures = specification<MeasureState, MeasureEvent>(measureAggregate);
const memoranda = specification<MemorandumState, MemorandumEvent>(memorandumAggregate);
const department = { type: 'government_department' as const, uscc: '11440300690000031L' };

const exclusion: RegisterMeasure = {
  measureId: 'procurement-exclusion',
  content: ' 依法限制参与政府采购活动 ',
  target: '失信主体',
  legalBasis: '《政府采购法》第二十二条',
  implementingOrg: 'sz-finance',
};
const registered: MeasureEvent = {
  type: 'MeasureRegistered',
  data: {
    measureId: 'procurement-exclusion',
    version: 1,
    content: '依法限制参与政府采购活动',
    target: '失信主体',
    legalBasis: '《政府采购法》第二十二条',
    implementingOrg: 'sz-finance',
    implementingOrgUscc: '11440300690000031L',
  },
};

describe('RegisterMeasure', () => {
  it('emits MeasureRegistered version 1', () => {
    measures
      .given([])
      .when((s) => decideRegisterMeasure(exclusion, s, department))
      .then([registered]);
  });

  it('emits a new version for a changed measure, and nothing for the identical one', () => {
    measures
      .given([registered])
      .when((s) => decideRegisterMeasure({ ...exclusion, target: '失信主体及其法定代表人' }, s, department))
      .then([{ type: 'MeasureRegistered', data: { ...registered.data, version: 2, target: '失信主体及其法定代表人' } }]);
    measures
      .given([registered])
      .when((s) => decideRegisterMeasure(exclusion, s, department))
      .thenNothing();
  });

  it.each([undefined, null, '', '   '])('refuses a measure without legal basis (%p)', (legalBasis) => {
    measures
      .given([])
      .when((s) => decideRegisterMeasure({ ...exclusion, legalBasis }, s, department))
      .thenRefuses('MEASURE.LEGAL_BASIS_REQUIRED', ['legalBasis']);
  });

  it('refuses an unknown implementing organisation, and one that is not a department', () => {
    measures
      .given([])
      .when((s) => decideRegisterMeasure(exclusion, s, { type: null, uscc: null }))
      .thenRefuses('MEASURE.UNKNOWN_ORGANIZATION', ['implementingOrg']);
    measures
      .given([])
      .when((s) => decideRegisterMeasure(exclusion, s, { type: 'industry_association', uscc: '51440300MJ00000180' }))
      .thenRefuses('MEASURE.NOT_AN_ENFORCER', ['implementingOrg']);
  });
});

describe('AdoptMemorandum', () => {
  const known = new Set(['procurement-exclusion', 'licence-review']);
  const adopted: MemorandumEvent = {
    type: 'MemorandumAdopted',
    data: {
      memorandumId: 'm-1',
      version: 1,
      listType: 'serious_dishonesty',
      measureIds: ['procurement-exclusion', 'licence-review'],
      title: '联合惩戒合作备忘录',
      adoptedByUscc: '12440300MB2C00013E',
    },
  };
  const adopt = {
    memorandumId: 'm-1',
    listType: 'serious_dishonesty' as const,
    title: '联合惩戒合作备忘录',
    adoptedByUscc: '12440300MB2C00013E',
  };

  it('emits MemorandumAdopted with de-duplicated measures', () => {
    memoranda
      .given([])
      .when((s) =>
        decideAdoptMemorandum(
          { ...adopt, measureIds: ['procurement-exclusion', 'licence-review', 'procurement-exclusion'] },
          s,
          known,
        ),
      )
      .then([adopted]);
  });

  it('versions a change and is a no-op for the same measures', () => {
    memoranda
      .given([adopted])
      .when((s) => decideAdoptMemorandum({ ...adopt, measureIds: ['licence-review'] }, s, known))
      .then([{ type: 'MemorandumAdopted', data: { ...adopted.data, version: 2, measureIds: ['licence-review'] } }]);
    memoranda
      .given([adopted])
      .when((s) => decideAdoptMemorandum({ ...adopt, measureIds: ['procurement-exclusion', 'licence-review'] }, s, known))
      .thenNothing();
  });

  it('refuses unknown measures, no measures, and a change of list type', () => {
    memoranda
      .given([])
      .when((s) => decideAdoptMemorandum({ ...adopt, measureIds: ['procurement-exclusion', 'nope'] }, s, known))
      .thenRefuses('MEMORANDUM.INVALID', ['measureIds[1]']);
    memoranda
      .given([])
      .when((s) => decideAdoptMemorandum({ ...adopt, measureIds: [] }, s, known))
      .thenRefuses('MEMORANDUM.INVALID', ['measureIds']);
    memoranda
      .given([adopted])
      .when((s) => decideAdoptMemorandum({ ...adopt, listType: 'red', measureIds: ['licence-review'] }, s, known))
      .thenRefuses('MEMORANDUM.LIST_TYPE_FIXED');
  });
});
