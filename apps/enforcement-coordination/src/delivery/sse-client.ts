// A minimal server-sent events client over fetch (Authorization header, Last-Event-ID), for tests, the e2e and the
// benchmark, and as an example for integrators: EventSource in browsers cannot send a bearer token.

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseConnection {
  status: number;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Called for each event as it arrives. */
  onEvent?: (event: SseEvent) => void;
  close(): void;
  /** Resolves when the server ends the stream or the connection is closed. */
  ended: Promise<void>;
}

export async function openSse(url: string, token: string, lastEventId?: number | string): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
      ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  const connection: SseConnection = {
    status: response.status,
    events: [],
    close: () => controller.abort(),
    ended: Promise.resolve(),
  };
  if (!response.ok || !response.body) {
    await response.arrayBuffer().catch(() => undefined);
    return connection;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  connection.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseFrame(frame);
          if (event) {
            connection.events.push(event);
            connection.onEvent?.(event);
          }
        }
      }
    } catch {
      // aborted or the connection dropped
    }
  })();
  return connection;
}

function parseFrame(frame: string): SseEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { id, event, data: data.join('\n') } : undefined;
}
