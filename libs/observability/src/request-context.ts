// Per-request (or per-message) context carried across async calls: correlation id, the acting principal, and the
// causing message. Loggers and the event-store metadata read it, so handlers never thread it by hand.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  correlationId: string;
  causationId: string | null;
  user?: string;
  org?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
