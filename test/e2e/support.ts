import { organizationCodeCheckCharacter, usccCheckCharacter, validateUscc } from '../../apps/credit-records/src/subject/uscc';

/** A well-formed USCC (enterprise registered in Shenzhen) for test organisation number n. */
export function syntheticUscc(n: number): string {
  const body = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91440300${body}${organizationCodeCheckCharacter(body)}`;
  const uscc = first17 + usccCheckCharacter(first17);
  const check = validateUscc(uscc);
  if (!check.ok) throw new Error(`synthetic USCC ${uscc} is invalid: ${check.error.message}`);
  return uscc;
}

export function department(n: number) {
  return {
    id: `dept-${n}`,
    name: `测试部门 ${n}`,
    type: 'government_department',
    uscc: syntheticUscc(n),
    catalogueItems: ['administrative_penalty'],
    sharingClasses: ['public'],
  };
}

export interface DirectoryRow {
  id: string;
  version: number;
}
