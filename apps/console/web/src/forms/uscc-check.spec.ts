import { usccCheckCharacter } from '../../../../credit-records/src/subject/uscc';
import { checkUscc } from './uscc-check';

describe('USCC check in the browser (the platform’s GB 32100 function)', () => {
  it('accepts a valid code, also as typed with spaces and in lower case', () => {
    expect(checkUscc('11440300690000015X')).toBeNull();
    expect(checkUscc(' 9144 0300 ma5g q2ub 9j ')).toBeNull();
  });

  it('says what is wrong, with the check character the code needs', () => {
    expect(checkUscc('1144030069000001')).toEqual({ code: 'LENGTH', count: 16 });
    expect(checkUscc('11440300690000015I')).toEqual({ code: 'FORMAT' });
    expect(checkUscc('11440300690000015A')).toEqual({ code: 'CHECKSUM', expected: 'X' });
    // The check character fits, but registration authority 9 (market regulation) has no organisation type 9.
    const first17 = '99440300MA5GQ2UB9';
    expect(checkUscc(first17 + usccCheckCharacter(first17))).toEqual({ code: 'COMPONENT' });
  });
});
