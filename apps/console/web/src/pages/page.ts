import type { Api } from '../api/client';
import type { MessageKey } from '../i18n/messages';
import type { Session } from '../session/session';

/** What every page receives from the shell. */
export interface PageProps {
  session: Session;
  api: Api;
  /** The pages of the user's roles, as in the menu. */
  menu: ReadonlyArray<{ id: string; title: MessageKey }>;
}
