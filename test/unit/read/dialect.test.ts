import { describe, expect, it } from 'vitest';
import { describeDelimiter, detectDelimiter, detectLineEnding } from '../../../src/dentadmin/read/dialect.js';

describe('detectDelimiter', () => {
  it('finds ; , and tab', () => {
    expect(detectDelimiter('PatNr;Naam;Voornaam\r\n1;Peeters;Lotte\r\n')).toBe(';');
    expect(detectDelimiter('PatNr,Naam,Voornaam\n1,Peeters,Lotte\n')).toBe(',');
    expect(detectDelimiter('PatNr\tNaam\tVoornaam\n1\tPeeters\tLotte\n')).toBe('\t');
  });

  it('ignores delimiters inside quoted text', () => {
    const text = 'NotitieID;PatNr;Tekst\n1;1001;"Controle, ok, tandsteen, DPSI, volgende keer"\n2;1002;"a,b,c,d"\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('prefers the delimiter that gives every record the same column count', () => {
    // The header has a comma in a name, but ; is what splits every line the same way.
    const text = 'Code;Naam, Voornaam;Rol\nTDM;Maes, Dirk;Tandarts\nTDV;Verlinden, An;Tandarts\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('defaults to ; for a single column', () => {
    expect(detectDelimiter('PatNr\n1\n2\n')).toBe(';');
  });

  it('names tab in words', () => {
    expect(describeDelimiter('\t')).toBe('tab');
    expect(describeDelimiter(';')).toBe(';');
  });
});

describe('detectLineEnding', () => {
  it('tells CRLF, LF and CR apart', () => {
    expect(detectLineEnding('a;b\r\n1;2\r\n')).toBe('crlf');
    expect(detectLineEnding('a;b\n1;2\n')).toBe('lf');
    expect(detectLineEnding('a;b\r1;2\r')).toBe('cr');
  });

  it('goes with the majority when a file mixes them', () => {
    expect(detectLineEnding('a;b\r\n1;2\r\n3;"x\ny"\r\n')).toBe('crlf');
  });
});
