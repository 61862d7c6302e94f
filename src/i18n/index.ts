import type { Locale } from '../core/domain.js';
import { en } from './en.js';
import { sv, type Catalog } from './sv.js';

export type { Catalog };

const catalogs: Record<Locale, Catalog> = { sv, en };

export function catalog(locale: Locale): Catalog {
  return catalogs[locale];
}

/** Fills {name} placeholders; an unknown placeholder stays visible rather than vanishing silently. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}
