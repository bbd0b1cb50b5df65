import { formatDateTime, interpolate, parseTemplate, placeholdersOf } from './format';

describe('message templates', () => {
  it('split into text and named values', () => {
    expect(parseTemplate('已保存{name}的权限（第 {version} 版）。')).toEqual([
      { text: '已保存' },
      { name: 'name' },
      { text: '的权限（第 ' },
      { name: 'version' },
      { text: ' 版）。' },
    ]);
    expect(placeholdersOf('{count} organisations')).toEqual(['count']);
    expect(parseTemplate('no values')).toEqual([{ text: 'no values' }]);
  });

  it('fill in values, and leave a missing one visible rather than empty', () => {
    expect(interpolate('共 {count} 个机构', { count: 3 })).toBe('共 3 个机构');
    expect(interpolate('Registered: {name}')).toBe('Registered: {name}');
  });
});

describe('dates in the reader’s language', () => {
  const instant = '2026-11-26T08:34:00Z';

  it('in Chinese and English, in the given time zone', () => {
    expect(formatDateTime(instant, 'zh', 'Asia/Shanghai')).toBe('2026年11月26日 16:34');
    expect(formatDateTime(instant, 'en', 'Asia/Shanghai')).toMatch(/^Nov 26, 2026, 4:34\sPM$/);
  });

  it('shows an unreadable date as it came', () => {
    expect(formatDateTime('not a date', 'zh')).toBe('not a date');
  });
});
