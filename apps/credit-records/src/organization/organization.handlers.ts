// Plumbing only: read → fold → decide → append (with the USCC reservation and the directory row in the same
// transaction) → retry on a version conflict.
import { DomainError, PLATFORM_ORGANIZATION_ID } from '@credit-share/contracts';
import { ORGANIZATION_DIRECTORY, OrganizationDirectory, organizationView, type OrganizationView } from '@credit-share/auth';
import { executeCommand, uuidv7, type Actor, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Metrics, instrumentCommand } from '@credit-share/observability';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, IQueryHandler, Query, QueryHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideChangePermissions,
  decideRegister,
  organizationAggregate,
  streamIdOf,
  type ChangeOrganizationPermissions,
  type RegisterOrganization,
} from './organization';
import { organizationsProjection } from './organization.projection';

export class RegisterOrganizationCommand extends Command<{ organization: OrganizationView; created: boolean }> {
  constructor(
    readonly command: Omit<RegisterOrganization, 'id'> & { id?: string },
    readonly actor: Actor,
  ) {
    super();
  }
}

export class ChangeOrganizationPermissionsCommand extends Command<OrganizationView> {
  constructor(
    readonly command: ChangeOrganizationPermissions,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class ListOrganizationsQuery extends Query<OrganizationView[]> {}

const SERVICE = 'credit-records';

abstract class OrganizationCommandHandler {
  constructor(
    protected readonly runtime: ServiceRuntime,
    @Inject(ORGANIZATION_DIRECTORY) protected readonly directory: OrganizationDirectory,
    protected readonly metrics: Metrics,
  ) {}

  protected async project(tx: Tx, events: RecordedEvent[]): Promise<void> {
    await organizationsProjection(this.directory).apply(events, tx);
  }

  protected async view(id: string): Promise<OrganizationView> {
    const entry = await this.directory.find(id);
    if (!entry) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organisation "${id}" is not registered`);
    return organizationView(entry);
  }
}

@CommandHandler(RegisterOrganizationCommand)
export class RegisterOrganizationHandler
  extends OrganizationCommandHandler
  implements ICommandHandler<RegisterOrganizationCommand>
{
  async execute({ command, actor }: RegisterOrganizationCommand) {
    return instrumentCommand(this.metrics, SERVICE, 'RegisterOrganization', async () => {
      const id = command.id ?? `org-${uuidv7().replace(/-/g, '').slice(-12)}`;
      const register: RegisterOrganization = { ...command, id };
      const outcome = await executeCommand({
        store: this.runtime.store,
        db: this.runtime.db,
        streamId: streamIdOf(id),
        aggregate: organizationAggregate,
        decide: (state) => decideRegister(register, state),
        metadata: eventMetadata(actor),
        alongside: async (tx, events, state) => {
          if (state.status === 'registered') await reserveUscc(tx, state.uscc, id);
          await this.project(tx, events);
        },
      });
      return { organization: await this.view(id), created: outcome.events.length > 0 };
    });
  }
}

@CommandHandler(ChangeOrganizationPermissionsCommand)
export class ChangeOrganizationPermissionsHandler
  extends OrganizationCommandHandler
  implements ICommandHandler<ChangeOrganizationPermissionsCommand>
{
  async execute({ command, actor }: ChangeOrganizationPermissionsCommand) {
    return instrumentCommand(this.metrics, SERVICE, 'ChangeOrganizationPermissions', async () => {
      if (command.id === PLATFORM_ORGANIZATION_ID) {
        throw DomainError.ruleViolated(
          'ORGANIZATION.PLATFORM_FIXED',
          'the platform operator has no submission permissions to change',
        );
      }
      await executeCommand({
        store: this.runtime.store,
        db: this.runtime.db,
        streamId: streamIdOf(command.id),
        aggregate: organizationAggregate,
        decide: (state) => decideChangePermissions(command, state),
        metadata: eventMetadata(actor),
        alongside: (tx, events) => this.project(tx, events),
      });
      return this.view(command.id);
    });
  }
}

@QueryHandler(ListOrganizationsQuery)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizationsQuery> {
  constructor(@Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory) {}

  async execute(): Promise<OrganizationView[]> {
    return (await this.directory.list()).map(organizationView);
  }
}

async function reserveUscc(tx: Tx, uscc: string, organizationId: string): Promise<void> {
  try {
    await tx.query(`INSERT INTO organization_usccs (uscc, organization_id) VALUES ($1, $2)`, [uscc, organizationId]);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw DomainError.conflict('ORGANIZATION.USCC_TAKEN', `another organisation is already registered with USCC ${uscc}`);
    }
    throw error;
  }
}
