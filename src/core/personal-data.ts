// Guard against personal data in free text. Reports, evaluations and hemuppgifter are shared with the whole
// group and the kansli: no patient or personal data belongs there. The one thing we can recognise reliably
// is a Swedish personal identity number (personnummer) or co-ordination number (samordningsnummer, day + 60),
// with or without century, however it is spelt: people (and anyone trying to slip one past the guard) write
// it with "-", "+", ".", "/", "_", spaces or dashes between any of its digits, with full-width or other
// script digits, no-break spaces or invisible format characters in between. So the text is first folded
// (NFKC, format characters dropped, every kind of space a space, every decimal digit 0-9), then runs of digits
// joined by short separators are read as one number. A Luhn check digit and a real calendar date keep
// ordinary numbers (amounts, phone numbers, dates) from raising false alarms.
// Pure: no I/O, usable from any use case.

/** The Luhn check digit of nine digits (weights 2,1,2,1,…), as Skatteverket computes it. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index += 1) {
    const product = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function daysInMonth(year: number | null, month: number): number {
  // Without a century any year is possible, so 29 February counts as a real date.
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface IdentityNumberMatch {
  /** The text as written, from its first digit to its last, e.g. "19121212-1212". */
  text: string;
  index: number;
  kind: 'personnummer' | 'samordningsnummer';
}

/** One character of the folded text, with the span of the original text it came from. */
interface FoldedChar {
  char: string;
  from: number;
  to: number;
}

const FORMAT_CHARACTER = /\p{Cf}/u;
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * A decimal digit of any script as 0-9. Unicode encodes each script's digits as a run of ten code points
 * from zero to nine, so the value is the distance from the first digit of the run.
 */
function asciiDigit(char: string): string {
  if (char >= '0' && char <= '9') return char;
  let zero = char.codePointAt(0)!;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((char.codePointAt(0)! - zero) % 10);
}

/**
 * The text as the guard reads it: NFKC (full-width and other compatibility digits become 0-9, no-break
 * spaces become spaces), format characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen,
 * every category Cf) dropped, every white space a plain space and every decimal digit 0-9. Code point by
 * code point, so each folded character still knows where it stood in what was typed.
 */
function fold(text: string): FoldedChar[] {
  const folded: FoldedChar[] = [];
  let from = 0;
  for (const original of text) {
    const to = from + original.length;
    for (let char of original.normalize('NFKC')) {
      if (FORMAT_CHARACTER.test(char)) continue;
      if (/\s/.test(char)) char = ' ';
      else if (DECIMAL_DIGIT.test(char)) char = asciiDigit(char);
      folded.push({ char, from, to });
    }
    from = to;
  }
  return folded;
}

/** What may stand between the digits of one number: space, hyphens and dashes, minus, plus, dot, slash, underscore. */
const SEPARATOR = /^[ \-+./_\u2010-\u2015\u2212]{1,3}$/;

/** A run of digits in the folded text: its digits and its first and last character. */
interface DigitRun {
  digits: string;
  first: FoldedChar;
  last: FoldedChar;
}

/** Runs of digits joined by short separators: the digits of what may be one number, written in groups. */
function digitChains(folded: FoldedChar[]): DigitRun[][] {
  const chains: DigitRun[][] = [];
  let chain: DigitRun[] = [];
  let gap = '';
  let run: DigitRun | null = null;
  for (const char of folded) {
    if (char.char >= '0' && char.char <= '9') {
      if (run) {
        run.digits += char.char;
        run.last = char;
        continue;
      }
      if (chain.length > 0 && !SEPARATOR.test(gap)) {
        chains.push(chain);
        chain = [];
      }
      run = { digits: char.char, first: char, last: char };
      chain.push(run);
    } else {
      if (run) gap = '';
      run = null;
      gap += char.char;
    }
  }
  if (chain.length > 0) chains.push(chain);
  return chains;
}

/**
 * Where a chain holds a date written in groups (2026-09-14, 14.09.2026): a number that takes only part of
 * such a date ("14 – 2026" of a range "2026-09-14 – 2026-09-20") is a date range or list, not an identity
 * number. A number may take a whole date (1912-12-12-1212), though.
 */
function dateGroups(chain: DigitRun[]): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (let index = 0; index + 2 < chain.length; index += 1) {
    const shape = chain.slice(index, index + 3).map((run) => run.digits.length).join(',');
    if (shape === '4,2,2' || shape === '2,2,4') groups.push([index, index + 2]);
  }
  return groups;
}

/** The kind of identity number `digits` (10 or 12 of them) is, or null when the date or check digit is wrong. */
function identityKind(digits: string): IdentityNumberMatch['kind'] | null {
  const century = digits.length === 12 ? digits.slice(0, 2) : null;
  const ten = digits.slice(-10);
  const [yy, mm, dd, serial, checkDigit] = [ten.slice(0, 2), ten.slice(2, 4), ten.slice(4, 6), ten.slice(6, 9), ten.slice(9)];
  const month = Number(mm);
  let day = Number(dd);
  const kind = day > 60 ? 'samordningsnummer' : 'personnummer';
  if (kind === 'samordningsnummer') day -= 60;
  const year = century ? Number(`${century}${yy}`) : null;
  if (century && !['18', '19', '20'].includes(century)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(checkDigit)) return null;
  return kind;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_DIGITS = /[0-9]/g;
const DECIMAL_DIGITS = /\p{Nd}/gu;

/**
 * Whether `text` holds the ten digits the shortest identity number needs, counted as the fold would see them
 * (digits after NFKC). Every form value of every submit passes the guard, and nearly all of them hold no such
 * number: this check costs a fraction of the per-character fold, which the bench showed as a third of a
 * report submit's CPU.
 */
function mayHoldIdentityNumber(text: string): boolean {
  const digits = ASCII_ONLY.test(text) ? text.match(ASCII_DIGITS) : text.normalize('NFKC').match(DECIMAL_DIGITS);
  return (digits?.length ?? 0) >= 10;
}

/** Every personnummer or samordningsnummer in `text`, in order. */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  if (!mayHoldIdentityNumber(text)) return found;
  for (const chain of digitChains(fold(text))) {
    const dates = dateGroups(chain);
    // The number is made of whole runs: a digit run is never split, as a longer run of digits is no identity number.
    for (let first = 0; first < chain.length; first += 1) {
      let digits = '';
      for (let last = first; last < chain.length && digits.length < 12; last += 1) {
        digits += chain[last]!.digits;
        if (digits.length !== 10 && digits.length !== 12) continue;
        if (dates.some(([start, end]) => (start < first && end >= first) || (start <= last && end > last))) continue;
        const kind = identityKind(digits);
        if (!kind) continue;
        const from = chain[first]!.first.from;
        found.push({ text: text.slice(from, chain[last]!.last.to), index: from, kind });
        first = last;
        break;
      }
    }
  }
  return found;
}

export function containsIdentityNumber(text: string): boolean {
  return findIdentityNumbers(text).length > 0;
}

/** `text` with every identity number replaced by a mask of the same shape, so nothing personal is stored. */
export function maskIdentityNumbers(text: string): string {
  let masked = text;
  for (const match of findIdentityNumbers(text).reverse()) {
    masked = masked.slice(0, match.index) + match.text.replace(/\p{N}/gu, 'X') + masked.slice(match.index + match.text.length);
  }
  return masked;
}

/** The names of the fields (of `fields`) whose value holds an identity number, in the order given. */
export function fieldsWithIdentityNumbers(values: Record<string, string | undefined>, fields: readonly string[]): string[] {
  return fields.filter((field) => containsIdentityNumber(values[field] ?? ''));
}
