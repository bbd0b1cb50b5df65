// The audit entry: one leaf per integration event, whose bytes anyone holding the message can recompute.
import { AUDIT_ENTRY_FORMAT, auditEntryOf, leafBytesOf, parseLeaf } from './audit-entry';
import { syntheticEvent } from './integration-event.fixture';

const event = syntheticEvent(3, { producer: 'credit-profiles', type: 'ProfileQueried' });
const leaf = leafBytesOf(auditEntryOf('credit-share.credit-profiles.v1', event));

describe('audit entry', () => {
  it('is the RFC 8785 canonical JSON of {event, format, topic}: sorted keys, no whitespace, UTF-8', () => {
    const text = leaf.toString('utf8');
    expect(text.startsWith('{"event":{"data":{')).toBe(true);
    expect(text).toContain(`"format":"${AUDIT_ENTRY_FORMAT}","topic":"credit-share.credit-profiles.v1"}`);
    expect(text).toContain('"authority":"深圳市市场监督管理局"');
    expect(text).not.toMatch(/\s"|":\s/);
  });

  it('does not depend on how the message was serialised: the same event gives the same bytes', () => {
    const { data, ...envelope } = event;
    const reordered = JSON.parse(JSON.stringify({ data, ...envelope }, null, 2));
    expect(leafBytesOf(auditEntryOf('credit-share.credit-profiles.v1', reordered))).toEqual(leaf);
  });

  it('reads back what it wrote', () => {
    expect(parseLeaf(leaf)).toEqual({
      ok: true,
      entry: { format: AUDIT_ENTRY_FORMAT, topic: 'credit-share.credit-profiles.v1', event },
    });
  });

  it.each([
    ['not UTF-8', Buffer.concat([leaf.subarray(0, 20), Buffer.from([0xff]), leaf.subarray(21)]), 'leaf is not UTF-8'],
    ['not JSON', Buffer.from(leaf.toString('utf8').slice(0, -1)), 'leaf is not JSON'],
    [
      'not canonical',
      Buffer.from(JSON.stringify(JSON.parse(leaf.toString('utf8')), null, 1)),
      'leaf is not in RFC 8785 canonical form',
    ],
    ['another format', Buffer.from('{"event":{},"format":"x","topic":"t"}'), `leaf format is not ${AUDIT_ENTRY_FORMAT}`],
    ['no message id', leafBytesOf(auditEntryOf('t', { ...event, id: 'nope' })), 'leaf event has no message id'],
    ['no topic', Buffer.from(`{"event":{},"format":"${AUDIT_ENTRY_FORMAT}"}`), 'leaf has no topic'],
    ['an array', Buffer.from('[]'), 'leaf is not a JSON object'],
  ])('refuses a leaf that is %s', (_, bytes, problem) => {
    expect(parseLeaf(bytes)).toEqual({ ok: false, problem });
  });

  it('refuses to make a leaf of what JSON cannot carry exactly (a lone surrogate)', () => {
    expect(() => leafBytesOf(auditEntryOf('t', { ...event, data: { name: '\ud800' } }))).toThrow(/lone surrogate/);
  });
});
