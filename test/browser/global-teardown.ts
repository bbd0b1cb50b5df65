import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const dir = (globalThis as Record<string, unknown>)['__creditShareBrowserDir'];
  if (typeof dir === 'string') rmSync(dir, { recursive: true, force: true });
}
