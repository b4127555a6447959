import 'i18next';
import type accountKo from './areas/account.ko.json';
import type backtestKo from './areas/backtest.ko.json';
import type dataKo from './areas/data.ko.json';
import type exploreKo from './areas/explore.ko.json';
import type ko from './ko.json';

// Typed keys: t('status.title') is checked at compile time against ko.json (en.json must match, see i18n.spec.ts).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ko & typeof accountKo & typeof backtestKo & typeof exploreKo & typeof dataKo };
  }
}
