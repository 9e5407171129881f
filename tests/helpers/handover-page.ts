/** Checks of a rendered handover page: nothing in it can come from outside, and its visible text. */
import { expect } from 'vitest';

/** Tags the page may contain: anything else came from data. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 span p code section table colgroup col thead tbody tr th td ul li br time footer'.split(
    ' ',
  ),
);

/** Fails unless the page is one self-contained file that no name in the data could inject into. */
export function expectSelfContained(page: string): void {
  const tags = [...page.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase());
  expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
  expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
  expect(page).not.toMatch(/[a-z]+:\/\/|url\(|@import/i);
  // Inside tags (text holds no raw "<"): no reference to anything, no event handler.
  for (const [tag] of page.matchAll(/<[^>]*>/g)) {
    expect(tag).not.toMatch(/\s(src|href|action|srcset|poster|data|background)\s*=/i);
    expect(tag).not.toMatch(/\son\w+\s*=/i);
  }
  expect(page).toMatch(/^<!DOCTYPE html>/i);
  expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
  expect(page).toContain('@media print');
}

/** The page as text: the style sheet and tags removed, entities decoded. */
export const text = (page: string): string =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
