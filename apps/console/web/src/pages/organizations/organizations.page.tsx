// The organisation directory and its permissions (operator: read and change; auditor: read), PRODUCT.md §1.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Notice } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { kindLabel } from './kind-label';
import type { Organization, SharingClass } from './organization';
import { PermissionsDialog } from './permissions.dialog';
import { RegisterOrganizationForm } from './register-organization.form';

export function OrganizationsPage({ api, session }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const mayChange = session.roles.includes('operator');
  const [organizations, setOrganizations] = useState<Organization[]>();
  const [failure, setFailure] = useState<unknown>();
  const [editing, setEditing] = useState<Organization>();
  const [saved, setSaved] = useState<Organization>();

  const load = useCallback(async () => {
    try {
      setOrganizations(await api.get<Organization[]>('/api/v1/organizations'));
      setFailure(undefined);
    } catch (error) {
      setFailure(error);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const list = (items: readonly string[], label: (item: string) => ReactNode) =>
    items.length === 0 ? (
      <span className="muted">{t('orgs.none')}</span>
    ) : (
      <ul className="inline-list">
        {items.map((item) => (
          <li key={item}>{label(item)}</li>
        ))}
      </ul>
    );

  return (
    <>
      <PageTitle>{t('orgs.title')}</PageTitle>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      <Notice kind="success">
        {saved ? i18n.rich('orgs.permissions.done', { name: <Data>{saved.name}</Data>, version: saved.version }) : null}
      </Notice>
      {mayChange ? (
        <RegisterOrganizationForm
          api={api}
          onRegistered={() => {
            setSaved(undefined);
            void load();
          }}
        />
      ) : null}
      {organizations ? (
        <section aria-labelledby="orgs-caption" className="panel">
          <div className="table-frame">
            <table className="organizations">
              <caption id="orgs-caption">
                {t('orgs.caption')} <span className="muted">{t('orgs.count', { count: organizations.length })}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('orgs.col.name')}</th>
                  <th scope="col">{t('orgs.col.type')}</th>
                  <th scope="col">{t('orgs.col.uscc')}</th>
                  <th scope="col">{t('orgs.col.catalogueItems')}</th>
                  <th scope="col">{t('orgs.col.sharingClasses')}</th>
                  <th scope="col">{t('orgs.col.version')}</th>
                  <th scope="col">{t('orgs.col.registeredAt')}</th>
                  {mayChange ? <th scope="col">{t('orgs.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {organizations.map((o) => (
                  <tr key={o.id} data-organization={o.id}>
                    <th scope="row">
                      <Data>{o.name}</Data>
                      <br />
                      <span className="muted">
                        {t('orgs.col.id')} <Data>{o.id}</Data>
                      </span>
                    </th>
                    <td>
                      {t(`orgType.${o.type}`)}
                      <br />
                      <span className="muted">{t(`category.${o.informationCategory}`)}</span>
                    </td>
                    <td>
                      <Data>
                        <code>{o.uscc}</code>
                      </Data>
                    </td>
                    <td>{list(o.catalogueItems, (k) => kindLabel(i18n, k))}</td>
                    <td>{list(o.sharingClasses, (c) => t(`sharing.${c as SharingClass}`))}</td>
                    <td className="number">{o.version}</td>
                    <td>
                      <time dateTime={o.registeredAt}>{i18n.dateTime(o.registeredAt)}</time>
                    </td>
                    {mayChange ? (
                      <td>
                        <button type="button" onClick={() => (setSaved(undefined), setEditing(o))}>
                          {t('orgs.editPermissions')}
                          <span className="visually-hidden">
                            {' '}
                            <Data>{o.name}</Data>
                          </span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
      {editing ? (
        <PermissionsDialog
          api={api}
          organization={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(organization) => {
            setSaved(organization);
            void load();
          }}
        />
      ) : null}
    </>
  );
}
