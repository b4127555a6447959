import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import i18n from '../i18n';

// Node's Request cannot resolve the app's same-origin relative URLs, so in tests the shared client gets an
// absolute base URL. Everything else about it is real: stub globalThis.fetch to fake the API (see test/http.ts).
vi.mock('../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api/client')>();
  return { ...actual, client: actual.createApiClient({ baseUrl: 'http://localhost' }) };
});

// jsdom does not implement scrolling; react-router's ScrollRestoration calls it on navigation.
window.scrollTo = () => {};

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('ko');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
