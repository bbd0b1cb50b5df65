// Filling in messages and formatting values for the reader's language. Pure, so the console and its unit specs
// share it.
import { LANGUAGE_TAGS, type Language } from './messages';

export type TemplatePart = { text: string } | { name: string };

/** `'已登记：{name}'` → `[{text: '已登记：'}, {name: 'name'}]`. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const pattern = /\{([a-zA-Z]+)\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

export function placeholdersOf(template: string): string[] {
  return parseTemplate(template).flatMap((p) => ('name' in p ? [p.name] : []));
}

export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return parseTemplate(template)
    .map((p) => ('text' in p ? p.text : String(values[p.name] ?? `{${p.name}}`)))
    .join('');
}

/** Date and time in the reader's language and the browser's time zone. */
export function formatDateTime(iso: string | number | Date, language: Language, timeZone?: string): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** A calendar date in the reader's language; a bare `YYYY-MM-DD` is that day, whatever the time zone. */
export function formatDate(value: string | number | Date, language: Language): string {
  const bare = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = bare ? new Date(`${value as string}T00:00:00Z`) : value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { dateStyle: 'medium', timeZone: bare ? 'UTC' : undefined }).format(
    date,
  );
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LANGUAGE_TAGS[language]).format(value);
}
