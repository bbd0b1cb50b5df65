// Calls the platform's API with the signed-in user's bearer token. A 401 ends the session (the token expired or was
// revoked): the console asks the user to sign in again rather than showing an error on every page.
import { ApiError, NetworkError, type Problem } from './problem';

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export function createApi(token: () => string | undefined, onUnauthorized: () => void): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = token();
    if (bearer) headers['authorization'] = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new NetworkError(`${method} ${path}`);
    }
    if (response.status === 401 && bearer) onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return (await response.json()) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
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
