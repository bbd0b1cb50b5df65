import { ApiError, NetworkError, fieldErrorKeys, fieldErrorsOf, formField, problemKeys, type Problem } from './problem';

const problem = (overrides: Partial<Problem>): Problem => ({
  type: 'urn:credit-share:problem:X',
  title: 'Bad Request',
  status: 400,
  detail: 'detail',
  code: 'REQUEST.VALIDATION_FAILED',
  ...overrides,
});

describe('problem details in forms', () => {
  it('place an element error of a list at the list’s control', () => {
    expect(formField('catalogueItems[2]')).toBe('catalogueItems');
    expect(formField('subject.uscc')).toBe('subject');
    expect(formField('uscc')).toBe('uscc');
  });

  it('group field errors by control, keeping their order', () => {
    const errors = fieldErrorsOf(
      problem({
        errors: [
          { field: 'catalogueItems[0]', code: 'UNKNOWN_CATALOGUE_ITEM', message: 'a' },
          { field: 'uscc', code: 'CHECKSUM', message: 'b' },
          { field: 'catalogueItems[3]', code: 'NOT_MARKET_CREDIT_ITEM', message: 'c' },
        ],
      }),
    );
    expect([...errors.keys()]).toEqual(['catalogueItems', 'uscc']);
    expect(errors.get('catalogueItems')!.map((e) => e.message)).toEqual(['a', 'c']);
    expect(fieldErrorsOf(undefined).size).toBe(0);
  });

  it('look a field error up by field and code first, then by code', () => {
    expect(fieldErrorKeys({ field: 'id', code: 'MATCHES', message: '' })).toEqual(['error.id.MATCHES', 'error.MATCHES']);
  });

  it('look a whole-request problem up by its code, then by its status', () => {
    expect(problemKeys(new ApiError(409, problem({ status: 409, code: 'ORGANIZATION.USCC_TAKEN' })))[0]).toBe(
      'error.ORGANIZATION.USCC_TAKEN',
    );
    expect(problemKeys(new ApiError(403, problem({ status: 403, code: 'AUTH.ROLE_REQUIRED' })))).toContain('error.forbidden');
    expect(problemKeys(new ApiError(502, undefined))).toEqual(['error.server', 'error.other']);
    expect(problemKeys(new NetworkError('GET /'))).toEqual(['error.network']);
  });
});
