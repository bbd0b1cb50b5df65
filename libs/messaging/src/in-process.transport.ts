// Standalone mode's transport: no broker, the relay hands each batch straight to every subscriber in the process
// and waits for all of them. The relay only moves its checkpoint after that, so after a crash or restart delivery
// resumes from the store's checkpoint (at least once; the consumers' inbox drops the repeats). Order per key holds
// because a single relay per topic publishes sequentially.
import type { MessageBatch, Subscription, Transport, TransportMessage } from './transport';

export class InProcessTransport implements Transport {
  readonly kind = 'in-process' as const;
  private readonly subscriptions: Subscription[] = [];
  private running = false;

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    if (!this.running) throw new Error('in-process transport is not running');
    const byTopic = new Map<string, TransportMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    // Subscribers are independent services: deliver to them concurrently, each in order.
    await Promise.all(
      this.subscriptions.map(async (subscription) => {
        for (const [topic, list] of byTopic) {
          if (!subscription.topics.includes(topic)) continue;
          const batch: MessageBatch = { topic, partition: 0, messages: list };
          await subscription.handle(batch);
        }
      }),
    );
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.subscriptions.some((s) => s.group === subscription.group)) {
      throw new Error(`consumer group ${subscription.group} already subscribed`);
    }
    this.subscriptions.push(subscription);
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  async probe(): Promise<void> {
    if (!this.running) throw new Error('in-process transport is not running');
  }

  async consumerLag(): Promise<Record<string, number>> {
    return {};
  }
}
