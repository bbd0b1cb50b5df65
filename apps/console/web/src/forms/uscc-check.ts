// The GB 32100 check in the browser, while the user types: the very function credit-records validates with
// (apps/credit-records/src/subject/uscc.ts, pure), so the form and the platform never disagree about a code.
import { usccCheckCharacter, validateUscc } from '../../../../credit-records/src/subject/uscc';

export type UsccProblem =
  { code: 'LENGTH'; count: number } | { code: 'FORMAT' } | { code: 'CHECKSUM'; expected: string } | { code: 'COMPONENT' };

/** Why a code is not a valid USCC, or null when it is. */
export function checkUscc(input: string): UsccProblem | null {
  const result = validateUscc(input);
  if (result.ok) return null;
  switch (result.error.code) {
    case 'LENGTH':
      return { code: 'LENGTH', count: result.uscc.length };
    case 'FORMAT':
      return { code: 'FORMAT' };
    case 'CHECKSUM':
      return { code: 'CHECKSUM', expected: usccCheckCharacter(result.uscc.slice(0, 17)) };
    case 'COMPONENT':
      return { code: 'COMPONENT' };
  }
}
