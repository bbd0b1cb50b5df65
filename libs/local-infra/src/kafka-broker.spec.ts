import { kraftClusterId } from './kafka-broker';

describe('kraftClusterId', () => {
  it('is 22 base64url characters and never starts with "-" (the storage tool would take it for an option)', () => {
    for (let i = 0; i < 5000; i++) {
      const id = kraftClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
