// The platform operator's organisation exists from the first start (PRODUCT.md §1). Registered once, as an event
// like any other, so every service's directory copy learns of it through the transport.
import { PLATFORM_ORGANIZATION_ID } from '@credit-share/contracts';
import { ServiceRuntime, SYSTEM_ACTOR } from '@credit-share/messaging';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { streamIdOf } from './organization';
import { RegisterOrganizationCommand } from './organization.handlers';

export interface PlatformOrganizationSettings {
  name: string;
  uscc: string;
}

export const PLATFORM_ORGANIZATION = Symbol('PlatformOrganizationSettings');

@Injectable()
export class PlatformOrganizationBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly commands: CommandBus,
    @Inject(PLATFORM_ORGANIZATION) private readonly settings: PlatformOrganizationSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.runtime.store.streamVersion(streamIdOf(PLATFORM_ORGANIZATION_ID))) > 0) return;
    await this.commands.execute(
      new RegisterOrganizationCommand(
        {
          id: PLATFORM_ORGANIZATION_ID,
          name: this.settings.name,
          type: 'platform_operator',
          uscc: this.settings.uscc,
          catalogueItems: [],
          sharingClasses: ['public', 'conditional', 'restricted'],
        },
        SYSTEM_ACTOR,
      ),
    );
  }
}
