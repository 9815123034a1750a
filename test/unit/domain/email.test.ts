import { describe, expect, it } from 'vitest';
import { emailDomainHint, isValidEmail, normaliseEmail } from '../../../src/domain/email.js';

describe('normaliseEmail', () => {
  it('trims (also NBSP) and lower-cases', () => {
    expect(normaliseEmail('  Lotte.Peeters@Example.BE\u00a0')).toBe('lotte.peeters@example.be');
  });

  it('keeps inner spaces for the validator to reject', () => {
    expect(normaliseEmail('an peeters@x.be')).toBe('an peeters@x.be');
  });
});

describe('isValidEmail', () => {
  it.each([
    'lotte.peeters@example.be',
    'ouders.janssens@example.be',
    'jm+dentist@sub.example.co.uk',
    "o'brien@example.ie",
    'x@ab.cd',
    'rené@exemple.fr',
  ])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    'dirk.maes@@tandartspraktijk-example.be',
    'dirk.maes@x@x.be',
    'jan@telenet',
    'an..peeters@x.be',
    '.an@x.be',
    'an.@x.be',
    'an peeters@x.be',
    '@x.be',
    'an@',
    'an@x..be',
    'an@-x.be',
    'an@x.b',
    'an@x.123',
    'an@x,be',
    'an(at)x.be',
    '',
  ])('rejects %s', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });
});

describe('emailDomainHint', () => {
  it('suggests the common domain one typo away', () => {
    expect(emailDomainHint('an@hotmial.com')).toBe('hotmail.com');
    expect(emailDomainHint('an@gmial.com')).toBe('gmail.com');
    expect(emailDomainHint('an@telnet.be')).toBe('telenet.be');
    expect(emailDomainHint('an@gmail.con')).toBe('gmail.com');
  });

  it('stays quiet for correct and unrelated domains', () => {
    expect(emailDomainHint('an@hotmail.com')).toBeNull();
    expect(emailDomainHint('an@tandartspraktijk-example.be')).toBeNull();
    expect(emailDomainHint('an@')).toBeNull();
  });
});
