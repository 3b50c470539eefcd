import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageSpinner } from '../../app/AppLayout';
import DailyReportListPage from './DailyReportListPage';

const DailyReportPage = lazy(() => import('./DailyReportPage'));
const DailyReportPrintPage = lazy(() => import('./DailyReportPrintPage'));

/**
 * 每日报告 (/daily-reports/*): the day's list of my jurisdiction's units, one report
 * (/daily-reports/:id) and its A4 print view (/daily-reports/:id/print).
 */
export default function DailyReportsPage() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route index element={<DailyReportListPage />} />
        <Route path=":id" element={<DailyReportPage />} />
        <Route path=":id/print" element={<DailyReportPrintPage />} />
      </Routes>
    </Suspense>
  );
}
