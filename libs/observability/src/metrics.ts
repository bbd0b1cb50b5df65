// Prometheus metrics of the platform's moving parts, served at /metrics. Lag and dead-letter figures are what an
// operator watches to know that every event reached every service.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ATTR, withSpan } from './tracing';

export class Metrics {
  readonly registry = new Registry();

  readonly relayLag = new Gauge({
    name: 'credit_share_relay_lag_events',
    help: 'Events appended to a service store but not yet published by its relay',
    labelNames: ['service'],
    registers: [this.registry],
  });

  readonly relayPublished = new Counter({
    name: 'credit_share_relay_published_total',
    help: 'Integration events published by the relay',
    labelNames: ['service'],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'credit_share_consumer_lag_messages',
    help: 'Messages on a topic not yet consumed by a service (Kafka committed offsets behind the high watermark)',
    labelNames: ['service', 'topic'],
    registers: [this.registry],
  });

  readonly consumed = new Counter({
    name: 'credit_share_consumer_messages_total',
    help: 'Messages handled by a consumer, by outcome (applied, duplicate, held, parked)',
    labelNames: ['service', 'outcome'],
    registers: [this.registry],
  });

  readonly deadLetters = new Gauge({
    name: 'credit_share_dead_letter_messages',
    help: 'Messages parked by a consumer and not yet redriven (poison messages and the later messages they hold back)',
    labelNames: ['service', 'reason'],
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'credit_share_command_duration_seconds',
    help: 'Command handling time including retries on version conflicts',
    labelNames: ['service', 'command'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  private readonly collectors: Array<() => Promise<void>> = [];

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'credit_share_' });
  }

  /** Registers work to refresh gauges just before a scrape (e.g. read the relay lag from the database). */
  onCollect(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  async render(): Promise<string> {
    await Promise.allSettled(this.collectors.map((c) => c()));
    return this.registry.metrics();
  }
}

/** Runs a command handler inside a span and records its duration. */
export async function instrumentCommand<T>(
  metrics: Metrics,
  service: string,
  command: string,
  work: () => Promise<T>,
): Promise<T> {
  const stop = metrics.commandDuration.startTimer({ service, command });
  try {
    return await withSpan(`command ${command}`, { [ATTR.service]: service, [ATTR.command]: command }, work);
  } finally {
    stop();
  }
}
