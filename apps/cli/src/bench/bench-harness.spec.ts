import {
  formatSpread,
  formatTable,
  interleavedRounds,
  measureThroughput,
  pairedRatios,
  percentile,
  spread,
  type ThroughputSample,
} from './bench-harness';

const sample = (units: number, elapsedMs: number): ThroughputSample => ({
  operations: 1,
  units,
  elapsedMs,
  latenciesMs: [elapsedMs],
});

describe('bench harness', () => {
  it('counts every unit of every concurrent client', async () => {
    let calls = 0;
    const result = await measureThroughput({
      clients: 8,
      durationMs: 30,
      operation: async () => {
        calls++;
        await new Promise((resolve) => setImmediate(resolve));
        return 3;
      },
    });
    expect(result.operations).toBe(calls);
    expect(result.units).toBe(calls * 3);
    expect(result.latenciesMs).toHaveLength(calls);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(30);
  });

  it('rotates the order of contenders every round and keeps one sample per measured round', async () => {
    const order: string[] = [];
    const samples = await interleavedRounds({
      contenders: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      rounds: 3,
      warmUpRounds: 1,
      run: async (c, round) => {
        order.push(`${c.id}${round}`);
        return sample(round + 1, 1);
      },
    });
    expect(order).toEqual(['a-1', 'b-1', 'c-1', 'a0', 'b0', 'c0', 'b1', 'c1', 'a1', 'c2', 'a2', 'b2']);
    expect(samples.get('a')!.map((s) => s.units)).toEqual([1, 2, 3]);
  });

  it('summarises with the median and the extremes, interpolating percentiles', () => {
    expect(spread([5, 1, 3, 2, 4])).toEqual({ median: 3, min: 1, max: 5 });
    expect(spread([1, 2, 3, 4]).median).toBe(2.5);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect(spread([])).toEqual({ median: 0, min: 0, max: 0 });
  });

  it('pairs ratios round by round', () => {
    expect(pairedRatios([sample(300, 1000), sample(100, 1000)], [sample(100, 1000), sample(100, 500)])).toEqual([3, 0.5]);
  });

  it('formats Markdown tables and spreads', () => {
    expect(formatTable(['x', 'n'], [['a', '1']], ['left', 'right'])).toBe('| x | n |\n| --- | ---: |\n| a | 1 |');
    expect(formatSpread({ median: 12345.4, min: 11900, max: 12800.6 })).toBe('12,345 (11,900–12,801)');
  });
});
