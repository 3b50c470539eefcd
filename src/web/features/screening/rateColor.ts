/**
 * The colour of a coverage rate: green when every household is visited, blue from 80 %, amber from
 * 50 %, red below. In its own file so that the field screen (a grid worker's first page on a phone)
 * does not load the coverage table, and antd's Table with it, for one function.
 */
export function rateColor(rate: number): string {
  return rate >= 1 ? '#389e0d' : rate >= 0.8 ? '#1f5fbf' : rate >= 0.5 ? '#d48806' : '#cf1322';
}
