import { describe, expect, it } from 'vitest';
import { contentTypeHeader, describeBody, isBudgetRefusal, parseBody } from '../../../src/pipedrive/http-support.js';

describe('isBudgetRefusal', () => {
  it('reads a 429 about the daily budget from its message', () => {
    expect(isBudgetRefusal({}, { success: false, error: 'Daily API token budget exhausted.' })).toBe(true);
  });

  it('reads it from a Retry-After longer than any burst window', () => {
    expect(isBudgetRefusal({ retryAfterMs: 3_600_000 }, { success: false, error: 'Too many requests' })).toBe(true);
  });

  it('does not take a burst 429 for an exhausted budget, even with requests remaining', () => {
    expect(
      isBudgetRefusal({ retryAfterMs: 1_000, remaining: 12 }, { success: false, error: 'Too many requests' }),
    ).toBe(false);
    expect(isBudgetRefusal({}, 'rate limited')).toBe(false);
  });
});

describe('bodies', () => {
  it('parses JSON answers and leaves HTML alone', () => {
    expect(parseBody('{"success":true}', 'application/json')).toEqual({ success: true });
    expect(parseBody('<html></html>', 'text/html')).toBe('<html></html>');
    expect(parseBody('{broken', 'application/json')).toBe('{broken');
  });

  it('gives uploads a lowercase multipart boundary of our own', () => {
    const form = new FormData();
    const header = contentTypeHeader(form)['Content-Type'] ?? '';
    expect(header).toMatch(/^multipart\/form-data; boundary=ferry-[0-9a-f-]{36}$/);
    expect(contentTypeHeader({ name: 'x' })).toEqual({ 'Content-Type': 'application/json' });
    expect(contentTypeHeader(undefined)).toEqual({});
  });

  it('records a form as its fields, with files by name and size only', () => {
    const form = new FormData();
    form.append('person_id', '7');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'application/pdf' }), 'scan.pdf');
    expect(describeBody(form)).toEqual({
      person_id: '7',
      file: { file: 'scan.pdf', size: 3, type: 'application/pdf' },
    });
  });
});
