import { expired, loadSession, saveSession, sessionFromToken } from './session';

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"EdDSA"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.signature';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe('the signed-in session', () => {
  it('reads who is signed in from the token’s claims, Chinese names included', () => {
    const session = sessionFromToken(
      jwt({ sub: 'sz-amr:张三', org: 'sz-amr', roles: ['operator', 'king'], exp: 1_800_000_000 }),
      '深圳市市场监督管理局',
    );
    expect(session).toMatchObject({
      user: 'sz-amr:张三',
      org: 'sz-amr',
      roles: ['operator'],
      expiresAt: 1_800_000_000_000,
      organizationName: '深圳市市场监督管理局',
    });
    expect(sessionFromToken(jwt({ sub: 'x', org: 'y', roles: 'provider regulator' })).roles).toEqual(['provider', 'regulator']);
  });

  it('is kept in the given storage until it expires', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const session = sessionFromToken(jwt({ sub: 'x', org: 'platform', roles: ['auditor'], exp: Date.now() / 1000 + 60 }));
    saveSession(session, storage);
    expect(loadSession(storage)).toEqual(session);
    expect(expired(session, session.expiresAt! + 1)).toBe(true);
    saveSession({ ...session, expiresAt: Date.now() - 1 }, storage);
    expect(loadSession(storage)).toBeUndefined();
    saveSession(undefined, storage);
    expect(storage.getItem('credit-share.console.session')).toBeNull();
  });

  it('refuses what is not a token', () => {
    expect(() => sessionFromToken('not-a-token')).toThrow('not a JWT');
  });
});
