import { ROLES } from '../../../../../libs/auth/src/principal';
import { ORGANIZATION_TYPES, SHARING_CLASSES } from '../../../../../libs/contracts/src/organizations/organization.contract';
import { RECORD_KINDS } from '../forms/catalogue';
import { placeholdersOf } from './format';
import { en, zh, type MessageKey } from './messages';

const keys = Object.keys(zh) as MessageKey[];
const LATIN = /[A-Za-z]/;
const CJK = /[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF]/;
const withoutPlaceholders = (message: string) => message.replace(/\{[a-zA-Z]+\}/g, '');

describe('message catalogues', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('fill in the same values in both languages', () => {
    const mismatched = keys.filter((k) => placeholdersOf(zh[k]).sort().join() !== placeholdersOf(en[k]).sort().join());
    expect(mismatched).toEqual([]);
  });

  it('say every Chinese label without Latin letters, and every English label without Chinese characters', () => {
    expect(keys.filter((k) => LATIN.test(withoutPlaceholders(zh[k])))).toEqual([]);
    expect(keys.filter((k) => CJK.test(en[k]))).toEqual([]);
    expect(keys.filter((k) => zh[k].trim() === '' || en[k].trim() === '')).toEqual([]);
  });

  it('name every role, organisation type, sharing class and catalogue item', () => {
    const has = (key: string) => key in zh;
    expect(ROLES.filter((r) => !has(`role.${r}`))).toEqual([]);
    expect(ORGANIZATION_TYPES.filter((t) => !has(`orgType.${t}`))).toEqual([]);
    expect(SHARING_CLASSES.filter((c) => !has(`sharing.${c}`))).toEqual([]);
    expect(RECORD_KINDS.filter((k) => !has(`kind.${k}`))).toEqual([]);
  });

  it('fails these checks on a catalogue that mixes the languages', () => {
    expect(LATIN.test(withoutPlaceholders('已保存{name}的权限'))).toBe(false);
    expect(LATIN.test(withoutPlaceholders('保存 Save'))).toBe(true);
    expect(CJK.test('Saved 已保存')).toBe(true);
  });
});
