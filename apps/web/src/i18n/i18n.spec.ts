import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, i18nOptions, resources } from './index';

const en = resources.en.translation;
const ko = resources.ko.translation;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

async function detect(languages: string[]): Promise<string | undefined> {
  Object.defineProperty(window.navigator, 'languages', { value: languages, configurable: true });
  Object.defineProperty(window.navigator, 'language', { value: languages[0], configurable: true });
  const instance = i18next.createInstance();
  await instance.use(LanguageDetector).init(i18nOptions);
  return instance.resolvedLanguage;
}

describe('i18n resources', () => {
  it('has the same keys in Korean and English', () => {
    expect(keys(en).sort()).toEqual(keys(ko).sort());
  });

  it('has no empty strings', () => {
    const values = (obj: unknown): unknown[] =>
      typeof obj === 'object' && obj !== null ? Object.values(obj).flatMap(values) : [obj];
    expect([...values(ko), ...values(en)].filter((v) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
  });
});

describe('language detection', () => {
  afterEach(() => {
    // Drop the own-property overrides so jsdom's prototype getters apply again.
    delete (window.navigator as { languages?: unknown }).languages;
    delete (window.navigator as { language?: unknown }).language;
  });

  it('defaults to Korean', async () => {
    expect(await detect(['ko-KR', 'ko'])).toBe('ko');
    expect(await detect(['fr-FR', 'de'])).toBe('ko');
    expect(await detect([])).toBe('ko');
  });

  it('uses English when the browser prefers it', async () => {
    expect(await detect(['en-US', 'en'])).toBe('en');
    expect(await detect(['fr-FR', 'en-GB', 'ko'])).toBe('en');
  });

  it('follows the browser ranking between Korean and English', async () => {
    expect(await detect(['ko-KR', 'en-US'])).toBe('ko');
    expect(await detect(['en-US', 'ko-KR', 'ko'])).toBe('en');
  });

  it('lets a stored choice win over the browser', async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(await detect(['ko-KR'])).toBe('en');
  });
});
