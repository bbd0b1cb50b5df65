// Which pages the console has, and who sees them. The menu shows a page to a user holding one of its roles — the
// same roles the page's API routes admit (@Authorize), so nobody is offered a page whose calls would be refused.
//
// Adding a page for a role (e.g. the provider's record form once POST /api/v1/records lands):
//   1. write pages/<name>/<name>.page.tsx, a component taking PageProps;
//   2. add { id, title, roles, component } to PAGES below, and drop the matching entry from PLANNED (planned.ts);
//   3. add its labels to both catalogues in i18n/messages.ts (the type-check fails until both have them);
//   4. add a browser test in test/browser that signs in with that role, uses the page, switches the language and
//      takes its screenshot (see test/browser/console.browser-spec.ts).
import type { ComponentType } from 'react';
import type { Role } from '../../../../../libs/auth/src/principal';
import { ROLES } from '../../../../../libs/auth/src/principal';
import type { MessageKey } from '../i18n/messages';
import { AlertsPage } from './alerts/alerts.page';
import { CheckPage } from './alerts/check.page';
import { AccessLogPage } from './subject/access-log.page';
import { ApplyRepairPage, FileObjectionPage } from './subject/cases.page';
import { MyProfilePage } from './subject/my-profile.page';
import { LedgerPage } from './ledger/ledger.page';
import { CataloguePage } from './operator/catalogue.page';
import { DashboardsPage } from './operator/dashboards.page';
import { MeasuresPage } from './operator/measures.page';
import { HealthPage } from './health/health.page';
import { HomePage } from './home/home.page';
import { ImportPage } from './import/import.page';
import { OrganizationsPage } from './organizations/organizations.page';
import { ProfilesPage } from './profiles/profiles.page';
import { CasesPage } from './supervision/cases.page';
import { InspectionPlansPage } from './supervision/inspection-plans.page';
import { ListingsPage } from './supervision/listings.page';
import { DataQualityPage } from './records/data-quality.page';
import { RecordsPage } from './records/records.page';
import { SubmitRecordPage } from './records/submit-record.page';
import type { PageProps } from './page';

export interface PageDefinition {
  /** The page's address: `/#/<id>`. */
  id: string;
  /** Its name in the menu and its heading. */
  title: MessageKey;
  /** Who sees it in the menu. */
  roles: readonly Role[];
  component: ComponentType<PageProps>;
}

export const PAGES: readonly PageDefinition[] = [
  { id: 'home', title: 'nav.home', roles: ROLES, component: HomePage },
  { id: 'organizations', title: 'nav.organizations', roles: ['operator', 'auditor'], component: OrganizationsPage },
  { id: 'catalogue', title: 'nav.catalogue', roles: ['operator', 'provider', 'regulator', 'auditor'], component: CataloguePage },
  { id: 'measures', title: 'nav.measures', roles: ['operator', 'regulator', 'enforcer'], component: MeasuresPage },
  { id: 'dashboards', title: 'nav.dashboards', roles: ['operator'], component: DashboardsPage },
  { id: 'ledger', title: 'nav.ledger', roles: ['auditor'], component: LedgerPage },
  { id: 'submit-record', title: 'nav.submitRecord', roles: ['provider'], component: SubmitRecordPage },
  { id: 'import', title: 'nav.import', roles: ['provider'], component: ImportPage },
  { id: 'records', title: 'nav.records', roles: ['provider'], component: RecordsPage },
  { id: 'data-quality', title: 'nav.dataQuality', roles: ['provider'], component: DataQualityPage },
  { id: 'profiles', title: 'nav.profiles', roles: ['regulator'], component: ProfilesPage },
  { id: 'listings', title: 'nav.listings', roles: ['regulator'], component: ListingsPage },
  { id: 'cases', title: 'nav.cases', roles: ['regulator'], component: CasesPage },
  { id: 'inspection-plans', title: 'nav.inspectionPlans', roles: ['regulator'], component: InspectionPlansPage },
  { id: 'alerts', title: 'nav.alerts', roles: ['enforcer'], component: AlertsPage },
  { id: 'check', title: 'nav.check', roles: ['enforcer', 'regulator'], component: CheckPage },
  { id: 'my-profile', title: 'nav.myProfile', roles: ['subject'], component: MyProfilePage },
  { id: 'access-log', title: 'nav.accessLog', roles: ['subject', 'auditor'], component: AccessLogPage },
  { id: 'objection', title: 'nav.fileObjection', roles: ['subject'], component: FileObjectionPage },
  { id: 'repair', title: 'nav.applyRepair', roles: ['subject'], component: ApplyRepairPage },
  { id: 'health', title: 'nav.health', roles: ROLES, component: HealthPage },
];

export function pagesFor(roles: readonly Role[]): PageDefinition[] {
  return PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));
}
