/** 每日报告: placeholder until the daily report lands. */
export default function DailyReportsPage() {
  return null;
}
