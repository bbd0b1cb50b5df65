// The text/event-stream format (HTML Living Standard, "server-sent events"), parsed from chunks as they arrive: a
// chunk may end in the middle of a line or of an event. Pure, so it is unit-tested without a server.

export interface SseEvent {
  /** `message` unless the server named it. */
  type: string;
  /** The data lines joined by newlines; undefined for an event that only set the id or the retry time. */
  data?: string;
  id?: string;
  retry?: number;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private type = '';
  private id: string | undefined;
  private retry: number | undefined;
  private sawField = false;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (this.sawField) events.push(this.dispatch());
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (keep-alive)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      this.sawField = true;
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.type = value;
      else if (field === 'id' && !value.includes('\0')) this.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    }
    return events;
  }

  private dispatch(): SseEvent {
    const event: SseEvent = { type: this.type || 'message' };
    if (this.data.length > 0) event.data = this.data.join('\n');
    if (this.id !== undefined) event.id = this.id;
    if (this.retry !== undefined) event.retry = this.retry;
    this.data = [];
    this.type = '';
    this.retry = undefined;
    this.sawField = false;
    // The last event id persists across events, as in EventSource.
    return event;
  }
}
