// Objections and repairs change two streams at once (their own and the record's): one transaction, retried from the
// start when either stream moved underneath (the decisions are re-made against the newer state, never forced).
import type { Caller } from '@credit-share/auth';
import { DomainError } from '@credit-share/contracts';
import { WrongExpectedVersionError, type Aggregate, type DomainEvent, type Tx } from '@credit-share/event-store';
import type { ServiceRuntime } from '@credit-share/messaging';

export async function inRetriedTransaction<T>(
  runtime: ServiceRuntime,
  work: (tx: Tx) => Promise<T>,
  maxAttempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await runtime.db.transaction(work);
      runtime.store.notifyCommitted();
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < maxAttempts) continue;
      throw error;
    }
  }
}

/** A stream folded with its aggregate, and the version to append after. */
export async function loadStream<S, E extends DomainEvent>(
  runtime: ServiceRuntime,
  streamId: string,
  aggregate: Aggregate<S, E>,
  runner?: Tx,
): Promise<{ state: S; version: number }> {
  const history = await runtime.store.readStream(streamId, { runner });
  const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
  const state = history.reduce((s, e) => aggregate.evolve(s, e as unknown as E), aggregate.initialState);
  return { state, version };
}

/**
 * Who decides for the record's provider organisation (PRODUCT.md §1, §3.3): a government department through its
 * regulators. Industry associations and social organisations have no regulator role, so their own staff (provider)
 * decide on the market/industry records they provide; a department's provider staff do not.
 */
export function assertDecider(caller: Caller, code: string): void {
  if (caller.roles.includes('regulator')) return;
  const type = caller.organization?.type;
  if (caller.roles.includes('provider') && (type === 'industry_association' || type === 'social_organization')) return;
  throw DomainError.forbidden(code, "a government department's regulators decide on its records");
}
