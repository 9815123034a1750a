import { describe, expect, it } from 'vitest';
import { detectRichText, htmlToText, looksLikeMojibake, rtfToText } from '../../../src/domain/text.js';

const NOTE_RTF =
  "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20 Anticoagulantia: Sintrom \\'e9\\'e9n keer per dag\\par}";

describe('detectRichText', () => {
  it('recognises RTF, also after leading whitespace', () => {
    expect(detectRichText(NOTE_RTF)).toBe('rtf');
    expect(detectRichText('  \r\n{\\rtf1 x}')).toBe('rtf');
  });

  it('recognises HTML by real tags', () => {
    expect(detectRichText('<p>Vulling <b>46 MO</b> composiet.</p>')).toBe('html');
    expect(detectRichText('Controle ok<br>DPSI volgende keer')).toBe('html');
    expect(detectRichText('<span style="color:red">allergie</span>')).toBe('html');
  });

  it('leaves plain text alone, including clinical use of < and >', () => {
    expect(detectRichText('Controle ok.\nTandsteen onderfront.')).toBeNull();
    expect(detectRichText('temp <38 en >37, pijn a<b')).toBeNull();
    expect(detectRichText('{geen rtf}')).toBeNull();
    expect(detectRichText('')).toBeNull();
  });
});

describe('rtfToText', () => {
  it('decodes Windows-1252 hex escapes and skips the font table', () => {
    expect(rtfToText(NOTE_RTF)).toBe('Anticoagulantia: Sintrom één keer per dag');
  });

  it('turns \\par and \\line into new lines and \\tab into a tab', () => {
    expect(rtfToText('{\\rtf1 Lijn 1\\par Lijn 2\\line Lijn 3\\tab x\\par}')).toBe('Lijn 1\nLijn 2\nLijn 3\tx');
  });

  it('decodes \\uN with its fallback skipped, negative N and \\uc', () => {
    expect(rtfToText('{\\rtf1 Z\\u252?rich}')).toBe('Zürich');
    expect(rtfToText('{\\rtf1 \\uc2\\u8364 EU 5}')).toBe('€ 5');
    expect(rtfToText('{\\rtf1 \\u-3913?}')).toBe('\uf0b7');
  });

  it('skips colour tables, styles, info and {\\* } destinations', () => {
    const rtf =
      '{\\rtf1\\ansi{\\colortbl;\\red255\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}{\\info{\\author Dr X}}' +
      '{\\*\\generator Riched20 10.0;}{\\*\\unknowndest secret}\\pard Tekst\\par}';
    expect(rtfToText(rtf)).toBe('Tekst');
  });

  it('keeps escaped braces and backslashes, honours \\ansicpg', () => {
    expect(rtfToText('{\\rtf1 a\\{b\\}c\\\\d}')).toBe('a{b}c\\d');
    expect(rtfToText("{\\rtf1\\ansi\\ansicpg1250 \\'9a}")).toBe('š');
    expect(rtfToText("{\\rtf1 \\'80 \\emdash\\~x}")).toBe('€ —\u00a0x');
  });

  it('gives best-effort text for broken RTF', () => {
    expect(rtfToText('{\\rtf1 half open')).toBe('half open');
    expect(rtfToText('')).toBe('');
  });
});

describe('htmlToText', () => {
  it('converts notes without wrapping or upper-casing', () => {
    expect(htmlToText('<p>Vulling <b>46 MO</b> composiet, lokale verdoving 1/2 carpule.</p>')).toBe(
      'Vulling 46 MO composiet, lokale verdoving 1/2 carpule.',
    );
    expect(htmlToText('<h1>Anamnese</h1><p>Allergie: &eacute;&eacute;n <a href="x">link</a></p>')).toBe(
      'Anamnese\n\nAllergie: één link',
    );
  });
});

describe('looksLikeMojibake', () => {
  it.each([
    'NumÃ©ro',
    'FranÃ§ois',
    'MaÃ«lle',
    'CrÃ¨me',
    'â‚¬ 35',
    'ï»¿PatNr',
    'Itâ€™s',
    'M\ufffdller',
    'Ã\u00a0 demain',
  ])('flags %s', (text) => {
    expect(looksLikeMojibake(text)).toBe(true);
  });

  it.each(['Numéro', 'François', 'Maëlle', '€ 35', 'SÃO PAULO', 'Âge', 'â la carte', ''])('accepts %s', (text) => {
    expect(looksLikeMojibake(text)).toBe(false);
  });
});
