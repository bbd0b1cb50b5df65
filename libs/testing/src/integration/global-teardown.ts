import type { RunningPostgres } from '@credit-share/local-infra';
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)['__creditSharePostgres'] as
    { postgres: RunningPostgres; dir: string } | undefined;
  if (!state) return;
  await state.postgres.stop();
  rmSync(state.dir, { recursive: true, force: true });
}
