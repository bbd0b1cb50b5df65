// Calls the platform's API with the signed-in user's bearer token. A 401 ends the session (the token expired or was
// revoked): the console asks the user to sign in again rather than showing an error on every page.
import { ApiError, NetworkError, type Problem } from './problem';
import { SseParser, type SseEvent } from './sse';

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** multipart/form-data with upload progress (0–1), e.g. a file import. */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>;
  /**
   * A server-sent event stream read with fetch, so the bearer token travels in the Authorization header as on every
   * other call (EventSource cannot send headers, and a token in a URL ends up in logs). Reconnects with
   * `Last-Event-ID` until the returned function is called.
   */
  stream(path: string, handlers: StreamHandlers): () => void;
}

export interface StreamHandlers {
  onEvent(event: SseEvent): void;
  /** Connected (true) or waiting to reconnect (false). */
  onState?(connected: boolean): void;
}

/** Query string from the defined, non-empty values. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApi(token: () => string | undefined, onUnauthorized: () => void): Api {
  const authorization = (headers: Record<string, string>) => {
    const bearer = token();
    if (bearer) headers['authorization'] = `Bearer ${bearer}`;
    return bearer;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = authorization(headers);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new NetworkError(`${method} ${path}`);
    }
    if (response.status === 401 && bearer) onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const upload = <T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // fetch reports no upload progress; XMLHttpRequest does.
      const request = new XMLHttpRequest();
      request.open('POST', path);
      const headers: Record<string, string> = { accept: 'application/json' };
      const bearer = authorization(headers);
      for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      request.onerror = () => reject(new NetworkError(`POST ${path}`));
      request.onload = () => {
        let body: unknown;
        try {
          body = request.responseText ? JSON.parse(request.responseText) : undefined;
        } catch {
          body = undefined;
        }
        if (request.status === 401 && bearer) onUnauthorized();
        if (request.status >= 200 && request.status < 300) return resolve(body as T);
        const problem = body && typeof (body as Partial<Problem>).code === 'string' ? (body as Problem) : undefined;
        reject(new ApiError(request.status, problem));
      };
      request.send(form);
    });

  const stream = (path: string, handlers: StreamHandlers): (() => void) => {
    const controller = new AbortController();
    let lastEventId: string | undefined;
    let retryMs = 2_000;
    const connect = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        const bearer = authorization(headers);
        if (lastEventId) headers['last-event-id'] = lastEventId;
        try {
          const response = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
          if (response.status === 401 && bearer) return onUnauthorized();
          if (!response.ok || !response.body) throw new ApiError(response.status, undefined);
          handlers.onState?.(true);
          const parser = new SseParser();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            for (const event of parser.push(value)) {
              if (event.id !== undefined) lastEventId = event.id;
              if (event.retry !== undefined) retryMs = event.retry;
              if (event.data !== undefined) handlers.onEvent(event);
            }
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        handlers.onState?.(false);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void connect();
    return () => controller.abort();
  };

  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    upload,
    stream,
  };
}

async function problemOf(response: Response): Promise<Problem | undefined> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.code === 'string' ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}
