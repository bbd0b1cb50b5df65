import { InProcessTransport } from './in-process.transport';
import type { MessageBatch } from './transport';

const message = (topic: string, key: string, n: number) => ({ topic, key, value: String(n), headers: {} });

describe('InProcessTransport', () => {
  it('delivers each topic to its subscribers in order and waits for them', async () => {
    const transport = new InProcessTransport();
    const seen: Record<string, string[]> = { a: [], b: [] };
    let slowDone = false;
    await transport.subscribe({
      group: 'a',
      topics: ['t1'],
      handle: async (batch: MessageBatch) => {
        await new Promise((r) => setTimeout(r, 20));
        seen.a!.push(...batch.messages.map((m) => m.value));
        slowDone = true;
      },
    });
    await transport.subscribe({
      group: 'b',
      topics: ['t1', 't2'],
      handle: async (batch) => void seen.b!.push(...batch.messages.map((m) => `${batch.topic}:${m.value}`)),
    });
    await transport.start();
    await transport.publish([message('t1', 'k', 1), message('t2', 'k', 2), message('t1', 'k', 3)]);
    expect(slowDone).toBe(true);
    expect(seen.a).toEqual(['1', '3']);
    expect(seen.b).toEqual(['t1:1', 't1:3', 't2:2']);
  });

  it('fails the publish when a subscriber fails, so the relay keeps its checkpoint and retries', async () => {
    const transport = new InProcessTransport();
    await transport.subscribe({ group: 'x', topics: ['t'], handle: async () => Promise.reject(new Error('database down')) });
    await transport.start();
    await expect(transport.publish([message('t', 'k', 1)])).rejects.toThrow('database down');
  });

  it('refuses to publish before it is started and a second subscription of one group', async () => {
    const transport = new InProcessTransport();
    await expect(transport.publish([message('t', 'k', 1)])).rejects.toThrow('not running');
    await transport.subscribe({ group: 'g', topics: ['t'], handle: async () => undefined });
    await expect(transport.subscribe({ group: 'g', topics: ['t'], handle: async () => undefined })).rejects.toThrow(
      'already subscribed',
    );
  });
});
