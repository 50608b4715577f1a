// Chromium from Debian (never a downloaded browser), as the browser tests and benchmarks drive it.
import type { Browser, Page } from 'playwright-core';
export const CHROMIUM = '/usr/bin/chromium';
/** Headless Chromium has no GPU here: WebGL needs SwiftShader, which recent Chrome no longer falls back to by itself. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'];


/** What a page met that a test asserts is empty: console errors, uncaught errors, and requests that left the machine. */
export interface PageWatch {
  errors: string[];
  outside: string[];
}

/**
 * A page that works offline: anything not served by this machine is refused and remembered in
 * `outside`; console errors (except those `expectedConsole` matches) and uncaught errors go to `errors`.
 */
export async function offlinePage(browser: Browser, viewport: { width: number; height: number }, options: { expectedConsole?: RegExp } = {}): Promise<{ page: Page } & PageWatch> {
  const watch: PageWatch = { errors: [], outside: [] };
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expectedConsole?.test(message.text())) watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || ['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
    watch.outside.push(url.href);
    return route.abort();
  });
  return { page, ...watch };
}
