import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { id } from './id';

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'id' ? id : en),
  // react-admin remembers the chosen locale in its store across reloads.
  'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'id', name: 'Bahasa Indonesia' },
  ],
  // A missing key is a bug (tests/console/i18n.test.ts): no silent English fallback.
  { allowMissing: false },
);
