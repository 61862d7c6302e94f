// A table as the core decides it (sheet name, columns with their headers, rows); src/exports/spreadsheet.ts
// writes it as .xlsx or .csv. Kept here so the core can build exports without knowing any file format.

export type CellValue = string | number | Date | null;

export interface SheetColumn {
  key: string;
  header: string;
  /** Width in characters; Excel's default is too narrow for Swedish headers. */
  width?: number;
}

export interface Sheet {
  /** Excel allows at most 31 characters and none of : \ / ? * [ ] in a sheet name. */
  name: string;
  columns: SheetColumn[];
  rows: Array<Record<string, CellValue>>;
}
