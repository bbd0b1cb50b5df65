// Asynchronous work is awaited by probing for its effect (a row, a checkpoint, an HTTP answer), never by sleeping
// a fixed time: the probe returns as soon as the effect is there and fails with the last observation if it is not.

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Describes what was awaited, for the failure message. */
  description?: string;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, options: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out waiting for ${options.description ?? 'condition'} (last observation: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 25));
  }
}
