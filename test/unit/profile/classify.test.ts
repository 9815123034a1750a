import { describe, expect, it } from 'vitest';
import { classifyValue } from '../../../src/dentadmin/profile/classify.js';

describe('classifyValue', () => {
  it.each([
    ['J', 'boolean', null],
    ['n', 'boolean', null],
    ['1001', 'integer', null],
    ['82,00', 'decimal', '9,99'],
    ['1.250,00', 'decimal', '9,99'],
    ['35.00', 'decimal', '9.99'],
    ['12,5 %', 'percentage', null],
    ['14/03/1987', 'date', 'dd/MM/yyyy'],
    ['3/07/2023', 'date', 'd/MM/yyyy'],
    ['1987-03-14', 'date', 'yyyy-MM-dd'],
    ['02/09/2011 10:14', 'timestamp', 'dd/MM/yyyy HH:mm'],
    ['lotte.peeters@example.be', 'email', null],
    ['0475 12 34 56', 'phone', null],
    ['0475123456', 'phone', null],
    ['+32 486 11 22 33', 'phone', null],
    ['03 231 45 67', 'phone', null],
    ['87031412443', 'insz', null],
    ['87.03.14-124.43', 'insz', null],
    ['301593', 'riziv', null],
    ['Kerkstraat', 'text', null],
    ['€ 35', 'text', null],
  ])('%s is %s', (value, kind, pattern) => {
    expect(classifyValue(value)).toEqual({ kind, pattern });
  });

  it('reads an 11-digit number with a bad check as a plain integer, a 6-digit number failing mod 7 too', () => {
    expect(classifyValue('87031412444').kind).toBe('integer');
    expect(classifyValue('301594').kind).toBe('integer');
  });
});
