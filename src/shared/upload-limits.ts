/**
 * Limits on every spreadsheet and CSV the server reads (resident rosters, region trees), in one
 * place. A file past any of them is refused with a stable code (IMPORT_TOO_LARGE,
 * IMPORT_ROW_TOO_WIDE, IMPORT_CELL_TOO_LONG, IMPORT_CSV_QUOTE, IMPORT_NOT_SPREADSHEET) and the row
 * (and column) where reading stopped. They are far above any real roster — a county's million
 * residents fit — and low enough that no upload can take the server's memory: see README,
 * "Uploads and their limits", for the bound they give.
 */

/** Bytes of an uploaded file (the request body). A million-row roster is about 60 MB as .xlsx, 130 MB as .csv. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Data rows of a sheet or CSV: Excel's own limit (1,048,576 rows, header included). */
export const MAX_ROWS = 1_048_576;

/** Cells of one row (a roster has 16 columns; Excel allows 16,384). */
export const MAX_CELLS_PER_ROW = 64;

/** Characters of one cell (an address or a note is far shorter; Excel allows 32,767). */
export const MAX_CELL_CHARS = 1_000;

/**
 * An .xlsx is a zip of XML: the XML it unpacks to may be at most this many times the file's size
 * beyond the first 64 MB (real workbooks compress 5 to 15 times; a "zip bomb" 400 times and more)…
 */
export const MAX_XLSX_RATIO = 100;
export const XLSX_FREE_BYTES = 64 * 1024 * 1024;
/** …and never more than this in all. */
export const MAX_XLSX_XML_BYTES = 2 * 1024 * 1024 * 1024;
/** One row's XML (or one shared string's): 64 cells of 1,000 characters, escaped, fit many times over. */
export const MAX_ROW_XML_BYTES = 4 * 1024 * 1024;
/**
 * The shared-string table is held in memory while the sheet is read, at about 3.4 times its XML
 * (measured). Excel's table for a million-row roster is about 145 MB of XML (145 bytes a row).
 */
export const MAX_SHARED_STRINGS_XML_BYTES = 192 * 1024 * 1024;
/** The workbook's other parts (styles, relations, the sheet list). */
export const MAX_XLSX_PART_BYTES = 16 * 1024 * 1024;

/**
 * Imports (rosters and region trees) read at the same time; an upload meanwhile is refused
 * (IMPORT_BUSY) before its body is read. One: each may hold its upload, a shared-string table and
 * a batch (see README, "Memory bound"), and a village's roster takes seconds.
 */
export const MAX_CONCURRENT_IMPORTS = 1;

/** Bytes of the refused rows kept for the error report (the rest are counted, not listed). */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;
