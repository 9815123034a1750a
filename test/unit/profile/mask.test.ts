import { describe, expect, it } from 'vitest';
import { MAX_MASK_CHARS, maskValue } from '../../../src/dentadmin/profile/mask.js';

describe('maskValue', () => {
  it('keeps the shape of a value and nothing it says', () => {
    expect(maskValue('Peeters')).toBe('Aaaaaaa');
    expect(maskValue('Jean-Marc')).toBe('Aaaa-Aaaa');
    expect(maskValue('14/03/1987')).toBe('99/99/9999');
    expect(maskValue('87.03.14-124.43')).toBe('99.99.99-999.99');
    expect(maskValue('+32 486 11 22 33')).toBe('+99 999 99 99 99');
    expect(maskValue('82,00')).toBe('99,99');
  });

  it('masks accented and non-Latin letters too', () => {
    expect(maskValue('Hélène Ørsted')).toBe('Aaaaaa Aaaaaa');
    expect(maskValue('Łukasz')).toBe('Aaaaaa');
  });

  it("keeps an e-mail's @ and top-level domain only", () => {
    expect(maskValue('lotte.peeters@example.be')).toBe('aaaaa.aaaaaaa@aaaaaaa.be');
    expect(maskValue('JM.Dubois@Mail.Example.COM')).toBe('AA.Aaaaaa@Aaaa.Aaaaaaa.com');
  });

  it('shows line breaks and cuts long memos', () => {
    expect(maskValue('Controle ok.\r\nDPSI')).toBe('Aaaaaaaa aa.⏎AAAA');
    const long = maskValue('Anticoagulantia: Sintrom een keer per dag, controle INR elke maand bij de huisarts');
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBe(MAX_MASK_CHARS + 1);
    expect(long).not.toMatch(/Sintrom/);
  });
});
