// The reader's language for the whole console: Chinese unless they switched, remembered in this browser.
import { Fragment, createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatDate, formatDateTime, formatNumber, interpolate, parseTemplate } from './format';
import { CATALOGUES, LANGUAGE_TAGS, LANGUAGES, type Language, type MessageKey } from './messages';

const STORAGE_KEY = 'credit-share.console.language';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** A label as plain text (attributes, titles). */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A label with values that are nodes, e.g. data marked `translate="no"`. */
  rich(key: MessageKey, values: Record<string, ReactNode>): ReactNode;
  dateTime(value: string | number | Date): string;
  /** A calendar date (`YYYY-MM-DD` or an instant) without the time. */
  date(value: string | number | Date): string;
  number(value: number): string;
  /** `a、b和c` / `a, b and c`. */
  list(items: readonly string[]): string;
  /** Whether a string is a key of the catalogue (codes from the API that the console knows how to say). */
  has(key: string): key is MessageKey;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  } catch {
    // Storage may be unavailable (privacy settings); Chinese it is.
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; the switch still applies to this page.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[language];
    return {
      language,
      setLanguage,
      t: (key, values) => interpolate(catalogue[key], values),
      rich: (key, values) =>
        parseTemplate(catalogue[key]).map((part, i) =>
          'text' in part ? part.text : <Fragment key={i}>{values[part.name]}</Fragment>,
        ),
      dateTime: (v) => formatDateTime(v, language),
      date: (v) => formatDate(v, language),
      number: (v) => formatNumber(v, language),
      list: (items) => new Intl.ListFormat(LANGUAGE_TAGS[language], { type: 'conjunction' }).format(items),
      has: (key): key is MessageKey => Object.prototype.hasOwnProperty.call(catalogue, key),
    };
  }, [language, setLanguage]);
  useEffect(() => {
    document.documentElement.lang = LANGUAGE_TAGS[language];
    document.title = CATALOGUES[language]['app.title'];
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** A value from the data (a name, a code, an identifier): shown as it is, never translated. */
export function Data({ children, lang }: { children: ReactNode; lang?: string }) {
  return (
    <span translate="no" lang={lang}>
      {children}
    </span>
  );
}
