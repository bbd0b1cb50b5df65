// Spans for the platform's own units of work (command handling, append, relay publish, consume) and W3C trace
// context in event metadata and Kafka headers. Without a started SDK the API is a no-op, so tests and standalone
// runs pay nothing; with one, a trace follows a request from HTTP through the store and the broker to a consumer.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator, suppressTracing } from '@opentelemetry/core';

const tracer = () => trace.getTracer('credit-share');
const w3c = new W3CTraceContextPropagator();

export const ATTR = {
  service: 'credit_share.service',
  command: 'credit_share.command',
  stream: 'credit_share.stream_id',
  eventType: 'credit_share.event_type',
  eventCount: 'credit_share.event_count',
  messageId: 'messaging.message.id',
  destination: 'messaging.destination.name',
  consumerGroup: 'messaging.consumer.group.name',
  subject: 'credit_share.subject',
} as const;

export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  options: { kind?: SpanKind; parent?: Context } = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active span as a W3C `traceparent`, or null when nothing is being traced. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  w3c.inject(context.active(), carrier, { set: (c, k, v) => void (c[k] = v) });
  return carrier['traceparent'] ?? null;
}

/** A context whose parent is the given `traceparent` (from event metadata or a Kafka header). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!traceparent) return context.active();
  return w3c.extract(context.active(), { traceparent }, { get: (c, k) => c[k], keys: (c) => Object.keys(c) });
}

export { SpanKind, propagation };

/** Runs background polling (an empty relay read, a timer check) without spans, so traces show work, not waiting. */
export function untraced<T>(work: () => Promise<T>): Promise<T> {
  return context.with(suppressTracing(context.active()), work);
}
