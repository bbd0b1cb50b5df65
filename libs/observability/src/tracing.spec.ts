import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { contextFromTraceparent, currentTraceparent, withSpan } from './tracing';

describe('trace context across the store and the broker', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('is null when nothing is traced', () => {
    expect(currentTraceparent()).toBeNull();
  });

  it('continues a trace from a traceparent header: the consumer span is a child of the producer span', async () => {
    let carried: string | null = null;
    await withSpan('command RegisterOrganization', {}, async () => {
      carried = currentTraceparent();
    });
    expect(carried).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await withSpan('consume OrganizationRegistered', {}, async () => undefined, { parent: contextFromTraceparent(carried) });
    const [producer, consumer] = exporter.getFinishedSpans();
    expect(consumer!.spanContext().traceId).toBe(producer!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
  });

  it('records a failing unit of work as an error span and rethrows', async () => {
    exporter.reset();
    await expect(withSpan('append', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0]!.status).toEqual({ code: 2, message: 'boom' });
  });
});
