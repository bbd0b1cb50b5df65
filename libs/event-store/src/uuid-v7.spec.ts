import { uuidv7, uuidv7Time } from './uuid-v7';

describe('uuidv7', () => {
  it('has the RFC 9562 version and variant bits and encodes the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 26, 8, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7Time(id)).toBe(Date.UTC(2026, 10, 26, 8, 0, 0));
  });

  it('is strictly increasing within one millisecond and across many calls', () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 5_000 }, () => uuidv7(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
