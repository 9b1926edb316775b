// The renderer's defences against hostile content, checked on the HTML React would produce.
// (Run with vitest; the renderer's tests live next to the code.)
import { MantineProvider } from '@mantine/core';
import type { ReactElement } from 'react';
import { renderToStaticMarkup as render } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ContentBlock, LARGE_CONTENT_CHARS, splitChunks } from './ContentBlock';
import { revealInvisibles, segmentInvisibles } from './invisibles';
import { SafeMarkdown } from './markdown';
import { SafeText } from './SafeText';

const hostile = [
  '<script>window.__pwned = 1</script>',
  '',
  'Inline <img src=x onerror="window.__pwned=2"> and <b onmouseover="x()">bold</b>.',
  '',
  '[prize](javascript:alert(1)) and [site](https://example.com/login) and https://example.net/auto',
  '',
  '![pixel](https://example.com/p.png)',
  '',
  '<iframe src="https://example.com/frame"></iframe>',
  '',
  '<style>body { background: url(https://example.com/bg.png) }</style>',
  '',
  '[ref link][r]',
  '',
  '[r]: https://example.org/ref',
  '',
  '| a | b |',
  '|---|---|',
  '| <svg onload=alert(1)> | [x](data:text/html,<script>alert(1)</script>) |',
  '',
  '- [x] done task',
  '',
  'file\u202Etxt.exe and zero\u200Bwidth',
].join('\n');

/** Mantine components (used by ContentBlock) need their provider; it adds its own <style> tags. */
const renderToStaticMarkup = (el: ReactElement) => render(<MantineProvider>{el}</MantineProvider>).replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');

const html = render(<SafeMarkdown text={hostile} />);

describe('SafeMarkdown', () => {
  it('renders no element that runs code, loads anything or navigates', () => {
    for (const tag of ['<script', '<img', '<iframe', '<style', '<svg', '<a ', '<a>', '<input', '<object', '<embed', '<link', '<form']) {
      expect(html).not.toContain(tag);
    }
    const attributes = [...html.matchAll(/<[a-z][a-z0-9]*((?:\s[^>]*)?)>/gi)].flatMap((m) => [...m[1].matchAll(/\s([a-z-]+)=/gi)].map((a) => a[1].toLowerCase()));
    expect(attributes.length).toBeGreaterThan(0);
    expect(attributes.filter((a) => /^(href|src|srcset|action|formaction|style|xlink:href|on.*)$/.test(a))).toEqual([]);
  });

  it('shows raw HTML as literal text', () => {
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html).toContain('&lt;iframe src=');
  });

  it('shows links and images as inert text with their URLs', () => {
    expect(html).toContain('javascript:alert(1)');
    expect(html).toContain('https://example.com/login');
    expect(html).toContain('https://example.org/ref');
    expect(html).toContain('[image: pixel — https://example.com/p.png]');
  });

  it('replaces direction overrides and zero-width characters with visible badges', () => {
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u061C]/);
    expect(html).toContain('⟨U+202E RLO⟩');
    expect(html).toContain('⟨U+200B ZWSP⟩');
  });
});

describe('invisible characters', () => {
  it('are found and named', () => {
    expect(segmentInvisibles('a\u2066b\u2069c')).toEqual(['a', expect.objectContaining({ label: '⟨U+2066 LRI⟩' }), 'b', expect.objectContaining({ label: '⟨U+2069 PDI⟩' }), 'c']);
    expect(revealInvisibles('x\uFEFFy\u061Cz')).toBe('x⟨U+FEFF BOM⟩y⟨U+061C ALM⟩z');
    expect(segmentInvisibles('plain')).toEqual(['plain']);
  });

  it('leave the joiner inside an emoji sequence alone, and show it anywhere else', () => {
    const coder = '\u{1F469}\u200D\u{1F4BB}'; // woman technologist
    const family = '\u{1F468}\u{1F3FD}\u200D\u{1F467}'; // with a skin tone before the joiner
    expect(segmentInvisibles(`hi ${coder} ${family}`)).toEqual([`hi ${coder} ${family}`]);
    expect(revealInvisibles('a\u200Db')).toBe('a⟨U+200D ZWJ⟩b');
    expect(revealInvisibles('\u{1F469}\u200Db')).toBe('\u{1F469}⟨U+200D ZWJ⟩b');
    expect(revealInvisibles('a\u200D\u{1F4BB}')).toBe('a⟨U+200D ZWJ⟩\u{1F4BB}');
    expect(revealInvisibles(`${coder}\u202E`)).toBe(`${coder}⟨U+202E RLO⟩`);
  });

  it('never reach the DOM through SafeText', () => {
    const out = render(<SafeText text={'evil\u202Emodel'} />);
    expect(out).not.toContain('\u202E');
    expect(out).toContain('⟨U+202E RLO⟩');
    expect(out).toContain('dir="auto"');
  });
});

describe('large content', () => {
  it('is plain text, not Markdown, and only the first chunk is rendered at first', () => {
    const big = ('**not bold** <script>x</script> ' + 'word '.repeat(20)).repeat(Math.ceil((LARGE_CONTENT_CHARS * 4) / 130));
    const out = renderToStaticMarkup(<ContentBlock text={big} view="formatted" />);
    expect(out).not.toContain('<strong>');
    expect(out).toContain('**not bold**');
    expect(out.length).toBeLessThan(LARGE_CONTENT_CHARS * 1.5);
    expect(out).toContain('Show all');
  });

  it('splits at whitespace and keeps every character', () => {
    const text = 'ab cd\n'.repeat(50_000) + '😀'.repeat(10_000);
    const chunks = splitChunks(text, 50_000);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(6);
    for (const c of chunks) {
      const last = c.charCodeAt(c.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false); // never ends inside a surrogate pair
    }
  });

  it('isolates every block', () => {
    const out = renderToStaticMarkup(<ContentBlock text="hello" view="formatted" />);
    expect(out).toContain('<div class="cc-content" dir="auto">');
  });
});
