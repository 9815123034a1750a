import { describe, expect, it } from 'vitest';
import { createSecretBox, maskToken } from '../../../src/security/secret-box.js';

describe('secret box', () => {
  const box = createSecretBox('correct horse battery staple');

  it('round-trips a token and never stores it in clear', () => {
    const sealed = box.seal('abcdef0123456789token');
    expect(sealed).not.toContain('abcdef0123456789token');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe('abcdef0123456789token');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value and a different key', () => {
    const sealed = box.seal('secret-token');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => box.open(tampered)).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox('another key of enough length').open(sealed)).toThrow(/FERRY_SECRET_KEY/);
  });

  it('requires a key of at least 16 characters', () => {
    expect(() => createSecretBox(undefined)).toThrow(/FERRY_SECRET_KEY/);
    expect(() => createSecretBox('short')).toThrow(/FERRY_SECRET_KEY/);
  });

  it('shows only the last four characters', () => {
    expect(maskToken('0123456789abcdef')).toBe('…cdef');
  });
});
