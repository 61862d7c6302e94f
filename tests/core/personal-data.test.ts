import { describe, expect, it } from 'vitest';
import {
  containsIdentityNumber,
  fieldsWithIdentityNumbers,
  findIdentityNumbers,
  luhnCheckDigit,
  maskIdentityNumbers,
} from '../../src/core/personal-data.js';

describe('personal identity numbers (personnummer, samordningsnummer)', () => {
  it.each([
    ['19121212-1212', 'personnummer'],
    ['121212-1212', 'personnummer'],
    ['1212121212', 'personnummer'],
    ['191212121212', 'personnummer'],
    ['121212+1212', 'personnummer'],
    ['701063-2391', 'samordningsnummer'],
    ['197010632391', 'samordningsnummer'],
    ['20000229-0005', 'personnummer'],
    ['121212 - 1212', 'personnummer'],
    ['121212–1212', 'personnummer'],
  ])('finds %s as a %s', (text, kind) => {
    expect(findIdentityNumbers(`Patienten ${text} kom till mottagningen.`)).toEqual([{ text, index: 10, kind }]);
  });

  it('computes the Luhn check digit the way Skatteverket does', () => {
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(luhnCheckDigit('701063239')).toBe(1);
    expect(luhnCheckDigit('811218987')).toBe(6);
  });

  it.each([
    ['a wrong check digit', '121212-1213'],
    ['month 13', '121312-1212'],
    ['day 32', '121232-1218'],
    ['day 60 (neither a day nor a samordningsnummer)', '121260-1210'],
    ['30 February', '120230-1212'],
    ['29 February in a year that is no leap year, with century', '19010229-1234'],
    ['a longer run of digits', '12121212121212'],
    ['an amount', '150 000 kronor'],
    ['a year range', '2024-2026'],
    ['a date', '2026-11-25'],
    ['a phone number whose check digit fails', '070-123 45 67'],
    ['nine digits', '121212-121'],
    ['an unknown century', '21121212-1212'],
  ])('does not raise a false alarm on %s', (_what, text) => {
    expect(containsIdentityNumber(`Vi noterade ${text} i protokollet.`)).toBe(false);
  });

  it('finds several numbers and masks each in place, keeping the rest of the text', () => {
    const text = 'Två ärenden: 121212-1212 och 701063-2391, samt 42 besök.';
    expect(findIdentityNumbers(text).map((match) => match.kind)).toEqual(['personnummer', 'samordningsnummer']);
    expect(maskIdentityNumbers(text)).toBe('Två ärenden: XXXXXX-XXXX och XXXXXX-XXXX, samt 42 besök.');
    expect(maskIdentityNumbers('Inga nummer här: 2026.')).toBe('Inga nummer här: 2026.');
  });

  it('names the fields that hold a number, in the order asked', () => {
    const values = { worksWell: 'Bra samarbete', progressText: 'Gäller 1212121212', worksLessWell: 'Ring 19121212-1212', other: undefined };
    expect(fieldsWithIdentityNumbers(values, ['progressText', 'worksWell', 'worksLessWell', 'other'])).toEqual(['progressText', 'worksLessWell']);
  });
});
