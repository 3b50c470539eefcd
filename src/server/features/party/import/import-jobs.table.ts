/** A party spreadsheet import running in the background, with its error report once finished. */
export interface PartyImportJobTable {
  id: string;
  kind: 'organisations' | 'members';
  file_name: string;
  region_path: string;
  actor_id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  message: string | null;
  /** a file-level refusal as JSON { code, row, column } */
  error: string | null;
  report: Buffer | null;
  started_at: string;
  finished_at: string | null;
}
