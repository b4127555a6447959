import i18n, { type InitOptions } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import accountEn from './areas/account.en.json';
import accountKo from './areas/account.ko.json';
import backtestEn from './areas/backtest.en.json';
import backtestKo from './areas/backtest.ko.json';
import dataEn from './areas/data.en.json';
import dataKo from './areas/data.ko.json';
import exploreEn from './areas/explore.en.json';
import exploreKo from './areas/explore.ko.json';
import en from './en.json';
import ko from './ko.json';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';
export const LANGUAGE_STORAGE_KEY = 'stratbench.lang';

/** The shell's strings plus one file per product area (each area owns its top-level keys). */
export const resources = {
  ko: { translation: { ...ko, ...accountKo, ...backtestKo, ...exploreKo, ...dataKo } },
  en: { translation: { ...en, ...accountEn, ...backtestEn, ...exploreEn, ...dataEn } },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The active UI language, always one of LANGUAGES. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

/** Switches the UI language and remembers the explicit choice for later visits. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    /* storage unavailable: the choice lasts until reload */
  }
  await i18n.changeLanguage(lng);
}

i18n.on('languageChanged', () => {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
});

export const i18nOptions = {
  resources,
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  load: 'languageOnly',
  // A stored explicit choice wins; otherwise the first of navigator.languages we support, falling back to
  // Korean. Codes are cut to their language part first: i18next prefers any exact match over a regional one,
  // so ['en-US', 'ko'] would otherwise pick Korean. Detection is not cached: only the switcher persists a choice.
  detection: {
    order: ['localStorage', 'navigator'],
    lookupLocalStorage: LANGUAGE_STORAGE_KEY,
    caches: [],
    convertDetectedLanguage: (lng: string) => lng.split(/[-_]/)[0].toLowerCase(),
  },
  interpolation: { escapeValue: false },
} satisfies InitOptions;

void i18n.use(LanguageDetector).use(initReactI18next).init(i18nOptions);

export default i18n;
