import type { Actor, EventMetadata } from '@credit-share/event-store';
import { currentContext, currentTraceparent } from '@credit-share/observability';
import { uuidv7 } from '@credit-share/event-store';

/** Metadata for events appended now: correlation and causation from the request or message being handled. */
export function eventMetadata(actor: Actor): EventMetadata {
  const ctx = currentContext();
  return {
    correlationId: ctx?.correlationId ?? uuidv7(),
    causationId: ctx?.causationId ?? null,
    actor,
    traceparent: currentTraceparent(),
  };
}

/** The platform acting on its own (timers, bootstrap), as opposed to a person. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ user: 'system', org: 'platform' });
