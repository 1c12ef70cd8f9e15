import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';

export const i18nProvider = polyglotI18nProvider(
  // The Indonesian catalogue is its own chunk, fetched when someone chooses it (or reloads with it
  // chosen): English, the default, is the only one the first screen downloads (issue #15).
  (locale) => (locale === 'id' ? import('./id').then((m) => m.id) : en),
  // react-admin remembers the chosen locale in its store across reloads.
  'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'id', name: 'Bahasa Indonesia' },
  ],
  // A missing key is a bug (tests/console/i18n.test.ts): no silent English fallback.
  { allowMissing: false },
);
