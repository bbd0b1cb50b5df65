// Receives the integration events a profile is made of: each is appended to this service's store (the subject's
// history, folded for `asOf`) and applied to the profiles table, in the consumer's inbox transaction. The append
// comes first: two deliveries for one subject at once then collide on the stream's next version, and the loser is
// retried after the winner committed, so the row is never folded from a stale read.
import type { IntegrationEvent } from '@credit-share/contracts';
import type { Tx } from '@credit-share/event-store';
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { PROFILE_EVENT_TYPES } from './profile';
import { applyReceived, historyStreamOf, receivedEvent } from './profile.projection';

export const CONSUMED_TYPES: readonly string[] = [...PROFILE_EVENT_TYPES, 'MeasureRegistered'];

@Injectable()
export class ProfileConsumer {
  constructor(private readonly runtime: ServiceRuntime) {
    for (const type of CONSUMED_TYPES) runtime.consumers.on(type, (event, tx) => this.receive(event, tx));
  }

  private async receive(event: IntegrationEvent, tx: Tx): Promise<void> {
    const stream = historyStreamOf(event);
    if (!stream) return;
    await this.runtime.store.append(
      stream,
      'any',
      [receivedEvent(event)],
      {
        correlationId: event.id,
        causationId: event.id,
        actor: { user: event.producer, org: 'platform' },
        traceparent: null,
      },
      tx,
    );
    await applyReceived(tx, [event]);
  }
}
