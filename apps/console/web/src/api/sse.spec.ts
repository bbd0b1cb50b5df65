import { SseParser } from './sse';

describe('server-sent events parser', () => {
  it('parses events split anywhere across chunks', () => {
    const text = 'id: 7\nevent: alert\ndata: {"a":1}\n\n: keep-alive\n\nid: 8\ndata: line one\ndata: line two\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events).toEqual([
        { type: 'alert', id: '7', data: '{"a":1}' },
        { type: 'message', id: '8', data: 'line one\nline two' },
      ]);
    }
  });

  it('accepts CRLF and CR line ends, a missing space after the colon, and retry', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 500\r\ndata:x\r\n\r\ndata: y\r')).toEqual([{ type: 'message', retry: 500, data: 'x' }]);
    expect(parser.push('\r\n')).toEqual([{ type: 'message', data: 'y' }]);
  });

  it('keeps the last event id for the following events, as EventSource does', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\ndata: a\n\ndata: b\n\n')).toEqual([
      { type: 'message', id: '3', data: 'a' },
      { type: 'message', id: '3', data: 'b' },
    ]);
  });

  it('yields nothing for comments or blank lines alone', () => {
    expect(new SseParser().push(': ping\n\n\n')).toEqual([]);
  });
});
