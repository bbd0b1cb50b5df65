// GET /api/v1/alerts/stream — the organisation's alert feed as server-sent events (text/event-stream). Each event's
// `id` is the organisation's feed sequence number; a client that reconnects with `Last-Event-ID: n` (or
// `?lastEventId=n`) gets everything after n, then the live feed, so nothing is missed across reconnects. The stream
// is the caller's own organisation's: an enforcer hears its alerts, the operator its escalations.
import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { DomainError } from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFeed, type FeedNotification } from './alert-feed.repository';
import { AlertFeedListener } from './alert-feed-listener.consumer';

const HEARTBEAT_MS = 15_000;

@ApiTags('alerts')
@Controller(`${API_V1}/alerts`)
export class AlertStreamController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly listener: AlertFeedListener,
  ) {}

  @Get('stream')
  @Authorize('enforcer', 'operator')
  @ApiOperation({ summary: "The caller's organisation's alert feed (SSE), resumable with Last-Event-ID" })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this feed sequence number' })
  async stream(
    @CurrentCaller() caller: Caller,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const raw = lastEventIdHeader ?? lastEventIdQuery;
    if (raw !== undefined && raw !== '' && !/^\d{1,15}$/.test(raw)) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'Last-Event-ID must be a feed sequence number', [
        { field: 'Last-Event-ID', code: 'NOT_A_SEQUENCE', message: 'a non-negative integer' },
      ]);
    }
    let last = raw ? Number(raw) : 0;
    const org = caller.principal.org;
    await this.listener.ensureListening();

    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache, no-transform');
    res.setHeader('connection', 'keep-alive');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 1000\n\n`);

    let closed = false;
    let running = false;
    let again = false;
    const write = (entry: { seq: number; event: string; alert?: unknown }) => {
      res.write(
        `id: ${entry.seq}\nevent: ${entry.event}\ndata: ${JSON.stringify({ seq: entry.seq, event: entry.event, alert: entry.alert })}\n\n`,
      );
      last = entry.seq;
    };
    const pump = async (): Promise<void> => {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          for (;;) {
            const entries = await readFeed(this.runtime.db, org, last);
            if (closed) return;
            for (const entry of entries) write(entry);
            if (entries.length < 500) break;
          }
        } while (again && !closed);
      } catch {
        // The database is away for a moment: the heartbeat or the next notification tries again.
      } finally {
        running = false;
      }
    };
    // The next entry in sequence is written straight from its notification; anything else (a gap, a read in progress)
    // is left to a read of "everything after my last id".
    const onNotify = (entry?: FeedNotification) => {
      if (closed) return;
      if (!running && entry?.alert !== undefined && entry.seq === last + 1) {
        write(entry);
        return;
      }
      void pump();
    };
    this.listener.signals.on(org, onNotify);
    const heartbeat = setInterval(() => {
      res.write(`: keep-alive\n\n`);
      void pump();
    }, HEARTBEAT_MS);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.listener.signals.off(org, onNotify);
      this.listener.signals.off('shutdown', shutdown);
    };
    const shutdown = () => {
      close();
      res.end();
    };
    this.listener.signals.once('shutdown', shutdown);
    req.on('close', close);
    res.on('close', close);
    await pump();
  }
}
