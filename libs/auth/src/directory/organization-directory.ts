// A service's copy of the organisation directory. The owner (credit-records) writes it in the same transaction as
// its own events; every other service applies the published events through its consumer host. Both go through
// evolveDirectoryEntry, so the copies cannot drift in meaning.
import {
  ORGANIZATION_EVENTS,
  type OrganizationPermissionsChangedV1,
  type OrganizationRegisteredV1,
  type OrganizationType,
  type SharingClass,
} from '@credit-share/contracts';
import { join } from 'node:path';
import type { Queryable } from '@credit-share/event-store';
import { sqlMigrationsIn, type Migration } from '@credit-share/event-store';

export interface DirectoryEntry {
  id: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
  version: number;
  registeredAt: string;
  updatedAt: string;
}

export type DirectoryEvent =
  | { type: typeof ORGANIZATION_EVENTS.registered; data: OrganizationRegisteredV1; at: string }
  | { type: typeof ORGANIZATION_EVENTS.permissionsChanged; data: OrganizationPermissionsChangedV1; at: string };

/** The next state of an entry. Every event counts one version; the row does not deduplicate (the inbox does). */
export function evolveDirectoryEntry(entry: DirectoryEntry | null, event: DirectoryEvent): DirectoryEntry | null {
  switch (event.type) {
    case ORGANIZATION_EVENTS.registered: {
      const d = event.data;
      return {
        id: d.id,
        name: d.name,
        type: d.type,
        uscc: d.uscc,
        catalogueItems: [...d.catalogueItems],
        sharingClasses: [...d.sharingClasses],
        version: (entry?.version ?? 0) + 1,
        registeredAt: entry?.registeredAt ?? event.at,
        updatedAt: event.at,
      };
    }
    case ORGANIZATION_EVENTS.permissionsChanged:
      if (!entry) return null;
      return {
        ...entry,
        catalogueItems: [...event.data.catalogueItems],
        sharingClasses: [...event.data.sharingClasses],
        version: entry.version + 1,
        updatedAt: event.at,
      };
  }
}

export function directoryMigrations(): Migration[] {
  return sqlMigrationsIn(join(__dirname, 'migrations'), 'directory');
}

interface Row {
  id: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogue_items: string[];
  sharing_classes: SharingClass[];
  version: number;
  registered_at: Date;
  updated_at: Date;
}

const toEntry = (r: Row): DirectoryEntry => ({
  id: r.id,
  name: r.name,
  type: r.type,
  uscc: r.uscc,
  catalogueItems: r.catalogue_items,
  sharingClasses: r.sharing_classes,
  version: r.version,
  registeredAt: r.registered_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export class OrganizationDirectory {
  constructor(private readonly db: Queryable) {}

  async find(id: string, runner: Queryable = this.db): Promise<DirectoryEntry | null> {
    const { rows } = await runner.query<Row>(`SELECT * FROM organizations WHERE id = $1`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async findByUscc(uscc: string, runner: Queryable = this.db): Promise<DirectoryEntry | null> {
    const { rows } = await runner.query<Row>(`SELECT * FROM organizations WHERE uscc = $1 ORDER BY registered_at LIMIT 1`, [
      uscc,
    ]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async list(runner: Queryable = this.db): Promise<DirectoryEntry[]> {
    const { rows } = await runner.query<Row>(`SELECT * FROM organizations ORDER BY registered_at, id`);
    return rows.map(toEntry);
  }

  /** Applies one directory event inside the caller's transaction. */
  async apply(event: DirectoryEvent, tx: Queryable): Promise<void> {
    const current = await this.find(event.data.id, tx);
    const next = evolveDirectoryEntry(current, event);
    if (!next) return;
    await tx.query(
      `INSERT INTO organizations (id, name, type, uscc, catalogue_items, sharing_classes, version, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, uscc = EXCLUDED.uscc,
         catalogue_items = EXCLUDED.catalogue_items, sharing_classes = EXCLUDED.sharing_classes,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [
        next.id,
        next.name,
        next.type,
        next.uscc,
        next.catalogueItems,
        next.sharingClasses,
        next.version,
        next.registeredAt,
        next.updatedAt,
      ],
    );
  }
}

export interface OrganizationView extends Omit<DirectoryEntry, never> {
  /** What the organisation's records are labelled as (PRODUCT.md §1): associations provide market credit information. */
  informationCategory: 'public_credit' | 'market_credit' | 'none';
}

export function organizationView(entry: DirectoryEntry): OrganizationView {
  const informationCategory =
    entry.type === 'platform_operator' ? 'none' : entry.type === 'government_department' ? 'public_credit' : 'market_credit';
  return { ...entry, informationCategory };
}
