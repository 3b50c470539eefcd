/**
 * The name of an import's error report: 导入错误-<the file sent, without its extension>.xlsx, so
 * 花名册.xlsx gives 导入错误-花名册.xlsx, not 导入错误-花名册.xlsx.xlsx.
 */
export function importReportFileName(uploaded: string): string {
  const base = uploaded.replace(/\.(xlsx|xls|csv)$/i, '') || 'import';
  return `导入错误-${base}.xlsx`;
}
