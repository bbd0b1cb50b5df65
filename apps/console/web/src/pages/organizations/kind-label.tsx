import { Data, type I18n } from '../../i18n/i18n';
import { isKnownKind } from '../../forms/catalogue';

/** A catalogue item's name; one the console does not know yet is shown by its code. */
export function kindLabel(i18n: I18n, kind: string) {
  return isKnownKind(kind) ? i18n.t(`kind.${kind}`) : <Data>{kind}</Data>;
}
