// Hears the NOTIFY that each feed-writing transaction sends at commit (one dedicated connection, LISTEN) and wakes the
// SSE streams of that organisation and the webhook dispatcher. A lost connection is re-established; since readers
// always ask the feed for "everything after my last seq", a missed notification only delays, it never loses.
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { PoolClient } from 'pg';
import { FEED_CHANNEL, type FeedNotification } from './alert-feed.repository';

/**
 * Emits each committed feed entry under its organisation's id (as a FeedNotification, in sequence order per
 * organisation), and 'any' for every one.
 */
@Injectable()
export class AlertFeedListener implements OnModuleDestroy {
  readonly signals = new EventEmitter();
  private client: PoolClient | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private readonly logger = new Logger('enforcement-coordination');

  constructor(private readonly runtime: ServiceRuntime) {
    this.signals.setMaxListeners(0);
  }

  /** Starts listening (idempotent); resolves once LISTEN is in place. */
  ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = await this.runtime.db.connect();
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.release(true);
      if (!this.closed)
        setTimeout(() => void this.ensureListening().catch((e) => this.logger.warn(`LISTEN: ${(e as Error).message}`)), 500);
      this.signals.emit('any'); // let readers catch up by themselves meanwhile
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel !== FEED_CHANNEL || !message.payload) return;
      let entry: FeedNotification;
      try {
        entry = JSON.parse(message.payload) as FeedNotification;
      } catch {
        return;
      }
      this.signals.emit(entry.org, entry);
      this.signals.emit('any');
    });
    await client.query(`LISTEN ${FEED_CHANNEL}`);
    this.client = client;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.signals.emit('shutdown'); // open streams end, so the HTTP server can close
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${FEED_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}
