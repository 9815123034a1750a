import { describe, expect, it } from 'vitest';
import {
  CT1_CODES,
  CT2_CODES,
  isIncreasedReimbursement,
  isValidCt1,
  isValidCt2,
} from '../../../src/domain/ct-codes.js';

describe('CT1/CT2 lists', () => {
  it('hold 24 and 23 official codes', () => {
    expect(CT1_CODES).toHaveLength(24);
    expect(CT2_CODES).toHaveLength(23);
  });

  it('accept official values, trimmed', () => {
    expect(isValidCt1('110')).toBe(true);
    expect(isValidCt1(' 131 ')).toBe(true);
    expect(isValidCt2('000')).toBe(true);
    expect(isValidCt2('911')).toBe(true);
  });

  it('reject other values and the lists of the other column', () => {
    expect(isValidCt1('112')).toBe(false);
    expect(isValidCt1('000')).toBe(false);
    expect(isValidCt2('470')).toBe(false);
    expect(isValidCt1('111/110')).toBe(false);
    expect(isValidCt1('')).toBe(false);
  });

  it('marks increased reimbursement by a last digit 1', () => {
    expect(isIncreasedReimbursement('131')).toBe(true);
    expect(isIncreasedReimbursement('130')).toBe(false);
  });
});
