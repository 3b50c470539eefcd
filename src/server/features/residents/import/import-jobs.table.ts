/** A roster import running in the background, with its error report once finished. */
export interface ImportJobTable {
  id: string;
  kind: 'residents';
  file_name: string;
  region_path: string;
  actor_id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  warnings: number;
  message: string | null;
  /** a file-level refusal as JSON { code, row, column } (migration 0015) */
  error: string | null;
  report: Buffer | null;
  started_at: string;
  finished_at: string | null;
}
