import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeSample, sniffEncoding } from '../../../src/dentadmin/read/encoding.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);
const cp1252 = (text: string) => iconv.encode(text, 'win1252');

describe('sniffEncoding', () => {
  it('reads a BOM as UTF-8 with BOM', () => {
    expect(sniffEncoding(bom('PatNr;Naam\r\n1;Hélène\r\n'))).toEqual({ ok: true, encoding: 'utf-8-bom' });
  });

  it('reads valid UTF-8 without BOM as UTF-8', () => {
    expect(sniffEncoding(utf8('Nom;Prénom\n1;Chloé\n'))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('reads é written as the single byte 0xE9 as Windows-1252', () => {
    const bytes = cp1252('Nom;Prénom\r\n1;Chloé\r\n');
    expect(bytes.includes(0xe9)).toBe(true);
    expect(sniffEncoding(bytes)).toEqual({ ok: true, encoding: 'windows-1252' });
  });

  it('keeps double-encoded text (mojibake) as UTF-8: it is valid UTF-8, and is flagged later, never repaired', () => {
    const mojibake = utf8('Nom;PrÃ©nom\n1;FranÃ§ois\n');
    expect(sniffEncoding(mojibake)).toEqual({ ok: true, encoding: 'utf-8' });
    expect(decodeSample(mojibake, 'utf-8', true)).toContain('FranÃ§ois');
  });

  it('lets the first non-ASCII byte decide when the head of the file is plain ASCII', () => {
    const head = Buffer.from('PatNr;Naam\r\n1;Peeters\r\n');
    expect(sniffEncoding(head, cp1252('Hélène'))).toEqual({ ok: true, encoding: 'windows-1252' });
    expect(sniffEncoding(head, utf8('Hélène'))).toEqual({ ok: true, encoding: 'utf-8' });
    expect(sniffEncoding(head, null)).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('calls a file ASCII once every byte was seen to be 7-bit', () => {
    expect(sniffEncoding(Buffer.from('PatNr;Naam\r\n1;Peeters\r\n'), null, true)).toEqual({
      ok: true,
      encoding: 'ascii',
    });
  });

  it('allows a UTF-8 character cut off at the end of the sample', () => {
    const text = utf8('Nom;Prénom\n1;é');
    expect(sniffEncoding(text.subarray(0, text.length - 1))).toEqual({ ok: true, encoding: 'utf-8' });
  });

  it('refuses empty, binary, workbook and UTF-16 files with a reason', () => {
    expect(sniffEncoding(Buffer.from('\r\n \n'))).toMatchObject({ ok: false, problem: 'empty' });
    expect(sniffEncoding(bom(''))).toMatchObject({ ok: false, problem: 'empty' });
    expect(sniffEncoding(Buffer.from([0x41, 0x00, 0x42, 0x43]))).toMatchObject({ ok: false, problem: 'binary' });
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(sniffEncoding(xlsx)).toMatchObject({ ok: false, message: expect.stringContaining('Excel workbook') });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('PatNr', 'utf16le')]);
    expect(sniffEncoding(utf16)).toMatchObject({ ok: false, message: expect.stringContaining('UTF-16') });
    const control = Buffer.alloc(200, 0x41);
    control.fill(0x01, 0, 10);
    expect(sniffEncoding(control)).toMatchObject({ ok: false, problem: 'binary' });
  });
});

describe('createDecoder', () => {
  it('decodes every Windows-1252 byte as iconv-lite does', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const decoder = createDecoder('windows-1252');
    expect(decoder.decode(all)).toBe(iconv.decode(all, 'win1252'));
  });

  it('marks the five bytes Windows-1252 leaves undefined as undecodable', () => {
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      const decoder = createDecoder('windows-1252');
      expect(decoder.decode(Buffer.from([0x41, byte]))).toBe('A\uFFFD');
      expect(decoder.replaced).toBe(true);
    }
    const clean = createDecoder('windows-1252');
    clean.decode(cp1252('€ Œuvre “quoted” café'));
    expect(clean.replaced).toBe(false);
  });

  it('joins a UTF-8 character split across two chunks', () => {
    const bytes = utf8('Hélène');
    const decoder = createDecoder('utf-8');
    const text = decoder.decode(bytes.subarray(0, 2)) + decoder.decode(bytes.subarray(2)) + decoder.end();
    expect(text).toBe('Hélène');
    expect(decoder.replaced).toBe(false);
  });

  it('drops the BOM of a UTF-8 file and flags bytes that are not UTF-8', () => {
    const decoder = createDecoder('utf-8-bom');
    expect(decoder.decode(bom('PatNr'))).toBe('PatNr');
    expect(decoder.decode(Buffer.from([0x3b, 0xe9, 0x3b]))).toBe(';\uFFFD;');
    expect(decoder.replaced).toBe(true);
  });
});
