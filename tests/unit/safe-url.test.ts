import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '@/lib/safe-url';

describe('safeHttpUrl', () => {
  it.each([
    ['https://github.com/marco-garosi/CIRCLE', 'https://github.com/marco-garosi/CIRCLE'],
    ['http://example.org', 'http://example.org/'],
    ['  https://circle-lmm.github.io/  ', 'https://circle-lmm.github.io/'],
    ['HTTPS://Example.ORG/Path', 'https://example.org/Path'],
  ])('keeps the http(s) URL %j', (value, expected) => {
    expect(safeHttpUrl(value)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'chrome-extension://abc/popup.html',
    '//evil.example/path',
    '/relative/path',
    'not a url',
    '',
    '   ',
    null,
    undefined,
    42,
    { href: 'https://example.org' },
  ])('rejects %j', (value) => {
    expect(safeHttpUrl(value)).toBeNull();
  });

  it('resolves a relative avatar against a base', () => {
    const actual = safeHttpUrl('/avatars/0bcba885d6e0ff74e03f42faa5c86783.svg', 'https://huggingface.co');

    expect(actual).toBe('https://huggingface.co/avatars/0bcba885d6e0ff74e03f42faa5c86783.svg');
  });

  it('still rejects a javascript: URL when a base is given', () => {
    const actual = safeHttpUrl('javascript:alert(1)', 'https://huggingface.co');

    expect(actual).toBeNull();
  });
});
