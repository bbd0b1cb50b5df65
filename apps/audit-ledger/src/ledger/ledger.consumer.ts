// Records every integration event this service receives — whatever its producer or type, access-log entries
// included — as an audit entry queued for the sequencer, in the consumer's inbox transaction: recorded once, never
// lost. The ledger's own copy of the organisation directory (which authorises its routes) is fed from the same
// messages, so it is a projection of exactly what the ledger recorded.
import { ORGANIZATION_DIRECTORY, OrganizationDirectory, directoryCopyProjection } from '@credit-share/auth';
import { ContractRegistry } from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { auditEntryOf, leafBytesOf } from './audit-entry';
import { LedgerRepository } from './ledger.repository';

@Injectable()
export class LedgerConsumer {
  constructor(
    runtime: ServiceRuntime,
    repository: LedgerRepository,
    contracts: ContractRegistry,
    @Inject(ORGANIZATION_DIRECTORY) directory: OrganizationDirectory,
  ) {
    const directoryCopy = directoryCopyProjection(directory);
    const directoryTypes = new Set(directoryCopy.handles);
    // A chunk of messages is queued with one statement: the ledger's per-message work is small, a round trip is not.
    runtime.consumers.onAnyBatch(async (delivered, tx) => {
      await repository.enqueue(
        tx,
        delivered.map(({ event, delivery }) => ({
          messageId: event.id,
          subject: event.subject,
          leaf: leafBytesOf(auditEntryOf(delivery.topic, event)),
        })),
      );
      for (const { event } of delivered) {
        // The ledger records a message that breaks its contract (others park it), but does not apply it.
        if (directoryTypes.has(event.type) && contracts.validate(event).length === 0) await directoryCopy.apply(event, tx);
      }
    });
  }
}
