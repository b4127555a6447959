import 'i18next';
import type ko from './ko.json';

// Typed keys: t('status.title') is checked at compile time against ko.json (en.json must match, see i18n.spec.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ko };
  }
}
