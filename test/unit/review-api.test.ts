// The review page's bundle cannot import src/http (the dashboard imports only itself), so it names
// the CSRF header itself: it must stay the one the server asks writes for.
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER as PAGE_HEADER } from '../../src/dashboard/review-api.ts';
import { CSRF_HEADER } from '../../src/http/csrf.ts';

describe('the review page', () => {
  it('sends the CSRF header the server requires', () => {
    expect(PAGE_HEADER).toBe(CSRF_HEADER);
  });
});
