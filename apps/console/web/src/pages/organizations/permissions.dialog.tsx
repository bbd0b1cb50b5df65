// Changing what an organisation may submit and see (PUT /api/v1/organizations/{id}/permissions, operator only), in
// a modal dialog: the browser keeps the focus inside it, Escape closes it, and the focus returns to the button that
// opened it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { ApiError, fieldErrorsOf, type FieldError } from '../../api/problem';
import { kindsFor, RECORD_KINDS, type RecordKind } from '../../forms/catalogue';
import { CheckboxGroup, Notice } from '../../forms/fields';
import { fieldErrorMessage, problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { kindLabel } from './kind-label';
import { SHARING_CLASSES, type ChangePermissions, type Organization, type SharingClass } from './organization';

export function PermissionsDialog({
  api,
  organization,
  onClose,
  onSaved,
}: {
  api: Api;
  organization: Organization;
  onClose(): void;
  onSaved(organization: Organization): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const dialog = useRef<HTMLDialogElement>(null);
  const allowedKinds = kindsFor(organization.type);
  // Items the console does not know (a newer catalogue) are kept as they are.
  const unknownItems = organization.catalogueItems.filter((k) => !(RECORD_KINDS as readonly string[]).includes(k));
  const [kinds, setKinds] = useState(
    new Set(organization.catalogueItems.filter((k): k is RecordKind => !unknownItems.includes(k))),
  );
  const [classes, setClasses] = useState(new Set<SharingClass>(organization.sharingClasses));
  const [errors, setErrors] = useState<Map<string, FieldError[]>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body: ChangePermissions = {
      catalogueItems: [...RECORD_KINDS.filter((k) => kinds.has(k)), ...unknownItems],
      sharingClasses: SHARING_CLASSES.filter((c) => classes.has(c)),
    };
    try {
      const saved = await api.put<Organization>(`/api/v1/organizations/${encodeURIComponent(organization.id)}/permissions`, body);
      onSaved(saved);
      dialog.current?.close();
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrorsOf(error.problem) : new Map<string, FieldError[]>();
      setErrors(byField);
      setFailure(byField.size === 0 ? error : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="permissions-title" onClose={onClose} className="dialog">
      <form onSubmit={(e) => void save(e)}>
        <h2 id="permissions-title">{i18n.rich('orgs.permissions.title', { name: <Data>{organization.name}</Data> })}</h2>
        <Notice kind="error">
          {failure !== undefined ? problemMessage(i18n, failure) : errors.size > 0 ? t('error.fixFields') : null}
        </Notice>
        <CheckboxGroup
          id="permissions-catalogueItems"
          legend={t('orgs.field.catalogueItems')}
          hint={
            organization.type === 'platform_operator'
              ? t('orgs.field.catalogueItems.operator')
              : organization.type === 'government_department'
                ? undefined
                : t('orgs.field.catalogueItems.marketOnly')
          }
          options={RECORD_KINDS.map((kind) => ({
            value: kind,
            label: kindLabel(i18n, kind),
            disabled: !allowedKinds.includes(kind) && !kinds.has(kind),
          }))}
          selected={kinds}
          onChange={setKinds}
          error={fieldErrorMessage(i18n, errors.get('catalogueItems'))}
        />
        <CheckboxGroup
          id="permissions-sharingClasses"
          legend={t('orgs.field.sharingClasses')}
          options={SHARING_CLASSES.map((c) => ({ value: c, label: t(`sharing.${c}`) }))}
          selected={classes}
          onChange={setClasses}
          error={fieldErrorMessage(i18n, errors.get('sharingClasses'))}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('orgs.permissions.working') : t('orgs.permissions.save')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
