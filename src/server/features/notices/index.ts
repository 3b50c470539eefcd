/** What other features may use of notices: import from here, never from its files. */
export type { NoticeReadTable, NoticeTable } from './notices.table';
