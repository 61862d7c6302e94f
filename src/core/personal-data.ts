// Guard against personal data in free text. Reports, evaluations and hemuppgifter are shared with the whole
// group and the kansli: no patient or personal data belongs there. The one thing we can recognise reliably
// is a Swedish personal identity number (personnummer) or co-ordination number (samordningsnummer, day + 60),
// in every common spelling: with or without century, with "-", "+" or no separator. A Luhn check digit and
// a real calendar date keep ordinary numbers (amounts, phone numbers, dates) from raising false alarms.
// Pure: no I/O, usable from any use case.

/** (?<!\d) … (?!\d): the number stands alone, not inside a longer run of digits. */
const CANDIDATE = /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[ ]?([-+\u2010\u2011\u2012\u2013\u2212]?)[ ]?(\d{3})(\d)(?!\d)/g;

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
  /** The text as written, e.g. "19121212-1212". */
  text: string;
  index: number;
  kind: 'personnummer' | 'samordningsnummer';
}

function check(match: RegExpExecArray): IdentityNumberMatch | null {
  const [text, century, yy, mm, dd, , serial, checkDigit] = match;
  const month = Number(mm);
  let day = Number(dd);
  const kind = day > 60 ? 'samordningsnummer' : 'personnummer';
  if (kind === 'samordningsnummer') day -= 60;
  const year = century ? Number(`${century}${yy}`) : null;
  if (century && !['18', '19', '20'].includes(century)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(checkDigit)) return null;
  return { text: text!, index: match.index, kind };
}

/** Every personnummer or samordningsnummer in `text`, in order. */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const valid = check(match);
    if (valid) found.push(valid);
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
    masked = masked.slice(0, match.index) + match.text.replace(/\d/g, 'X') + masked.slice(match.index + match.text.length);
  }
  return masked;
}

/** The names of the fields (of `fields`) whose value holds an identity number, in the order given. */
export function fieldsWithIdentityNumbers(values: Record<string, string | undefined>, fields: readonly string[]): string[] {
  return fields.filter((field) => containsIdentityNumber(values[field] ?? ''));
}
