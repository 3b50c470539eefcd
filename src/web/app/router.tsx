import { Button, Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, useLocation, useParams } from 'react-router-dom';
import type { Role } from '../../shared/enums';
import { AppLayout, PageSpinner } from './AppLayout';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { can, homeOf } from './permissions';

// Every page is loaded when first visited (issue 18: a phone's first screen under 400 KB). A new page:
// `const XPage = lazy(() => import('../features/x/XPage'));` (its default export), never a static import.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const ForcedPasswordPage = lazy(() => import('../features/auth/ForcedPasswordPage'));
const RegionsPage = lazy(() => import('../features/regions/RegionsPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const GapsPage = lazy(() => import('../features/responsibility/GapsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const PersonsPage = lazy(() => import('../features/residents/PersonsPage'));
const ImportPage = lazy(() => import('../features/residents/ImportPage'));
const RosterPrintPage = lazy(() => import('../features/residents/RosterPrintPage'));
const TransfersPage = lazy(() => import('../features/residents/TransfersPage'));
const HouseholdsPage = lazy(() => import('../features/households/HouseholdsPage'));
const HouseholdDetailPage = lazy(() => import('../features/households/HouseholdDetailPage'));
const ScreeningPage = lazy(() => import('../features/screening/ScreeningPage'));
const FieldPage = lazy(() => import('../features/screening/FieldPage'));
const AlertsPage = lazy(() => import('../features/alerts/AlertsPage'));
const EntryPage = lazy(() => import('../features/checkpoints/EntryPage'));
const SitesPage = lazy(() => import('../features/checkpoints/SitesPage'));
const RosterPage = lazy(() => import('../features/checkpoints/RosterPage'));
const FiguresPage = lazy(() => import('../features/checkpoints/FiguresPage'));
const ZeroReportPage = lazy(() => import('../features/zero-reports/ZeroReportPage'));
const ZeroReportStatusPage = lazy(() => import('../features/zero-reports/ZeroReportStatusPage'));
const IsolationPage = lazy(() => import('../features/isolation/IsolationPage'));
const IsolationTodayPage = lazy(() => import('../features/isolation/TodayPage'));
const EpisodeDetailPage = lazy(() => import('../features/isolation/EpisodeDetailPage'));
const CertificatePage = lazy(() => import('../features/isolation/CertificatePage'));
const IsolationSitesPage = lazy(() => import('../features/isolation/IsolationSitesPage'));
const IsolationSiteDetailPage = lazy(() => import('../features/isolation/IsolationSiteDetailPage'));
const CasesPage = lazy(() => import('../features/tracing/CasesPage'));
const CaseDetailPage = lazy(() => import('../features/tracing/CaseDetailPage'));
const ChainOverviewPage = lazy(() => import('../features/tracing/ChainOverviewPage'));
const SeekNoticesPage = lazy(() => import('../features/tracing/SeekNoticesPage'));
const SeekNoticeDetailPage = lazy(() => import('../features/tracing/SeekNoticeDetailPage'));
const InboxPage = lazy(() => import('../features/notices/NoticesPage'));
const NoticeViewPage = lazy(() => import('../features/notices/NoticeDetailPage'));
const GatheringsPage = lazy(() => import('../features/gatherings/GatheringsPage'));
const CalloutsPage = lazy(() => import('../features/callouts/CalloutsPage'));
const TeamPage = lazy(() => import('../features/callouts/TeamPage'));
const CalloutBoardPage = lazy(() => import('../features/callouts/CalloutBoardPage'));
const SuppliesPage = lazy(() => import('../features/supplies/SuppliesPage'));
const DonationCertificatePage = lazy(() => import('../features/supplies/DonationCertificatePage'));
const RequestsPage = lazy(() => import('../features/supplies/RequestsPage'));
const AllocationsPage = lazy(() => import('../features/supplies/AllocationsPage'));
const DonationPage = lazy(() => import('../features/supplies/DonationPage'));
const CoverPage = lazy(() => import('../features/supplies/CoverPage'));
const CoverConsumptionPage = lazy(() => import('../features/supplies/CoverConsumptionPage'));
const VolunteersPage = lazy(() => import('../features/volunteers/VolunteersPage'));
const VolunteerPage = lazy(() => import('../features/volunteers/VolunteerPage'));
const VolunteerGroupsPage = lazy(() => import('../features/volunteers/GroupsPage'));
const VolunteerGroupPage = lazy(() => import('../features/volunteers/GroupPage'));
const SignupPosterPage = lazy(() => import('../features/volunteers/SignupPosterPage'));
const TempBranchesPage = lazy(() => import('../features/temp-branches/TempBranchesPage'));
const BranchPage = lazy(() => import('../features/temp-branches/BranchPage'));
const VolunteerTasksPage = lazy(() => import('../features/volunteer-tasks/TasksPage'));
const VolunteerTaskPage = lazy(() => import('../features/volunteer-tasks/TaskPage'));
const VolunteerHoursPage = lazy(() => import('../features/volunteer-tasks/HoursPage'));
const ServiceCertificatePage = lazy(() => import('../features/volunteer-tasks/ServiceCertificatePage'));
const ReportingPage = lazy(() => import('../features/reporting/ReportingPage'));
const ReportingPosterPage = lazy(() => import('../features/reporting/PosterPage'));
const ReportingRatesPage = lazy(() => import('../features/reporting/ReportingRatesPage'));
const PledgesPage = lazy(() => import('../features/pledges/PledgesPage'));
const PledgePrintPage = lazy(() => import('../features/pledges/PledgePrintPage'));
const MobilisationPage = lazy(() => import('../features/mobilisation/MobilisationPage'));
const PartyOrgsPage = lazy(() => import('../features/party/PartyOrgsPage'));
const PartyOrgPage = lazy(() => import('../features/party/PartyOrgPage'));
const PartyMembersPage = lazy(() => import('../features/party/PartyMembersPage'));
const DispatchesPage = lazy(() => import('../features/dispatch/DispatchesPage'));
const DispatchSheetPage = lazy(() => import('../features/dispatch/DispatchSheetPage'));
const DashboardPage = lazy(() => import('../features/rollups/DashboardPage'));
const DailyReportsPage = lazy(() => import('../features/daily-reports/DailyReportsPage'));

/** Pages behind login: no session → the login page, remembering where the user was going. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <PageSpinner />;
  if (me === null) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  if (me.mustChangePassword) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <ForcedPasswordPage />
      </Suspense>
    );
  }
  return <>{children}</>;
}

/** A page the role cannot use shows a 403 instead of an empty screen full of FORBIDDEN toasts. */
function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useI18n();
  if (me && !allow(me.role)) {
    return <Result status="403" title="403" subTitle={t('common.forbiddenPage')} extra={<HomeButton />} />;
  }
  return <>{children}</>;
}

/** `/`: each role's start page (a grid worker's is the field screen). */
function Home() {
  const { me } = useAuth();
  return <Navigate to={me ? homeOf(me.role) : '/regions'} replace />;
}

function HomeButton() {
  const { t } = useI18n();
  return (
    <Link to="/">
      <Button type="primary">{t('common.backHome')}</Button>
    </Link>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('common.notFoundPage')} extra={<HomeButton />} />;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageSpinner />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    // the big screen fills a 1920×1080 display: no sidebar, no header
    path: '/dashboard',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageSpinner />}>
          <DashboardPage />
        </Suspense>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'field',
        element: (
          <RequireRole allow={can.screen}>
            <FieldPage />
          </RequireRole>
        ),
      },
      { path: 'persons', element: <PersonsPage /> },
      {
        path: 'persons/import',
        element: (
          <RequireRole allow={can.registerPersons}>
            <ImportPage />
          </RequireRole>
        ),
      },
      { path: 'persons/roster', element: <RosterPrintPage /> },
      {
        path: 'persons/transfers',
        element: (
          <RequireRole allow={can.registerPersons}>
            <TransfersPage />
          </RequireRole>
        ),
      },
      { path: 'households', element: <HouseholdsPage /> },
      { path: 'households/:id', element: <HouseholdDetailPage /> },
      {
        path: 'screening',
        element: (
          <RequireRole allow={can.readCoverage}>
            <ScreeningPage />
          </RequireRole>
        ),
      },
      {
        path: 'checkpoint',
        element: (
          <RequireRole allow={can.registerPassages}>
            <EntryPage />
          </RequireRole>
        ),
      },
      {
        path: 'checkpoints',
        element: (
          <RequireRole allow={can.manageSites}>
            <SitesPage />
          </RequireRole>
        ),
      },
      {
        path: 'checkpoints/roster',
        element: (
          <RequireRole allow={can.registerPassages}>
            <RosterPage />
          </RequireRole>
        ),
      },
      { path: 'checkpoints/figures', element: <FiguresPage /> },
      {
        path: 'zero-report',
        element: (
          <RequireRole allow={can.fileZeroReport}>
            <ZeroReportPage />
          </RequireRole>
        ),
      },
      {
        path: 'zero-reports/status',
        element: (
          <RequireRole allow={can.watchZeroReports}>
            <ZeroReportStatusPage />
          </RequireRole>
        ),
      },
      {
        path: 'alerts',
        element: (
          <RequireRole allow={can.readAlerts}>
            <AlertsPage />
          </RequireRole>
        ),
      },
      { path: 'isolation', element: <IsolationPage /> },
      {
        path: 'isolation/today',
        element: (
          <RequireRole allow={can.isolate}>
            <IsolationTodayPage />
          </RequireRole>
        ),
      },
      { path: 'isolation/episodes/:id', element: <EpisodeDetailPage /> },
      { path: 'isolation/episodes/:id/certificate', element: <CertificatePage /> },
      { path: 'isolation/sites', element: <IsolationSitesPage /> },
      { path: 'isolation/sites/:id', element: <IsolationSiteDetailPage /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'cases/graph', element: <ChainOverviewPage /> },
      { path: 'cases/:id', element: <CaseDetailPage /> },
      { path: 'seek-notices', element: <SeekNoticesPage /> },
      { path: 'seek-notices/:id', element: <SeekNoticeDetailPage /> },
      // seek notices lived under /notices/seek until they got their own name: old links still arrive
      { path: 'notices/seek/*', element: <OldSeekNoticeLink /> },
      { path: 'notices', element: <InboxPage /> },
      { path: 'notices/:id', element: <NoticeViewPage /> },
      { path: 'gatherings', element: <GatheringsPage /> },
      {
        path: 'mobilisation',
        element: (
          <RequireRole allow={can.readMobilisation}>
            <MobilisationPage />
          </RequireRole>
        ),
      },
      {
        path: 'callouts',
        element: (
          <RequireRole allow={can.callOut}>
            <CalloutsPage />
          </RequireRole>
        ),
      },
      {
        path: 'callouts/teams/:id',
        element: (
          <RequireRole allow={can.callOut}>
            <TeamPage />
          </RequireRole>
        ),
      },
      {
        path: 'temp-branches',
        element: (
          <RequireRole allow={can.readBranches}>
            <TempBranchesPage />
          </RequireRole>
        ),
      },
      {
        path: 'temp-branches/:id',
        element: (
          <RequireRole allow={can.readBranches}>
            <BranchPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies',
        element: (
          <RequireRole allow={can.supplies}>
            <SuppliesPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/requests',
        element: (
          <RequireRole allow={can.requestSupplies}>
            <RequestsPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/allocations',
        element: (
          <RequireRole allow={can.requestSupplies}>
            <AllocationsPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/donations/:id',
        element: (
          <RequireRole allow={can.supplies}>
            <DonationPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/cover',
        element: (
          <RequireRole allow={can.supplies}>
            <CoverPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/consumption',
        element: (
          <RequireRole allow={can.reportConsumption}>
            <CoverConsumptionPage />
          </RequireRole>
        ),
      },
      {
        path: 'supplies/donations/:id/certificate',
        element: (
          <RequireRole allow={can.supplies}>
            <DonationCertificatePage />
          </RequireRole>
        ),
      },
      {
        path: 'callouts/:id',
        element: (
          <RequireRole allow={can.callOut}>
            <CalloutBoardPage />
          </RequireRole>
        ),
      },
      {
        path: 'party/organisations',
        element: (
          <RequireRole allow={can.readParty}>
            <PartyOrgsPage />
          </RequireRole>
        ),
      },
      {
        path: 'party/organisations/:id',
        element: (
          <RequireRole allow={can.readParty}>
            <PartyOrgPage />
          </RequireRole>
        ),
      },
      {
        path: 'party/members',
        element: (
          <RequireRole allow={can.readParty}>
            <PartyMembersPage />
          </RequireRole>
        ),
      },
      {
        path: 'reporting',
        element: (
          <RequireRole allow={can.keepReports}>
            <ReportingPage />
          </RequireRole>
        ),
      },
      {
        path: 'reporting/poster/:id',
        element: (
          <RequireRole allow={can.keepReports}>
            <ReportingPosterPage />
          </RequireRole>
        ),
      },
      {
        path: 'reporting/rates',
        element: (
          <RequireRole allow={can.readReportingRates}>
            <ReportingRatesPage />
          </RequireRole>
        ),
      },
      {
        path: 'pledges',
        element: (
          <RequireRole allow={can.keepPledges}>
            <PledgesPage />
          </RequireRole>
        ),
      },
      {
        path: 'pledges/:id/print',
        element: (
          <RequireRole allow={can.keepPledges}>
            <PledgePrintPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteer-tasks',
        element: (
          <RequireRole allow={can.leadVolunteers}>
            <VolunteerTasksPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteer-tasks/:id',
        element: (
          <RequireRole allow={can.leadVolunteers}>
            <VolunteerTaskPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteer-hours',
        element: (
          <RequireRole allow={can.leadVolunteers}>
            <VolunteerHoursPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteer-certificates/:id',
        element: (
          <RequireRole allow={can.leadVolunteers}>
            <ServiceCertificatePage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteers',
        element: (
          <RequireRole allow={can.readVolunteers}>
            <VolunteersPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteers/groups',
        element: (
          <RequireRole allow={can.readVolunteers}>
            <VolunteerGroupsPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteers/groups/:id',
        element: (
          <RequireRole allow={can.readVolunteers}>
            <VolunteerGroupPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteers/poster/:regionId',
        element: (
          <RequireRole allow={can.manageVolunteers}>
            <SignupPosterPage />
          </RequireRole>
        ),
      },
      {
        path: 'volunteers/:id',
        element: (
          <RequireRole allow={can.readVolunteers}>
            <VolunteerPage />
          </RequireRole>
        ),
      },
      {
        path: 'dispatch',
        element: (
          <RequireRole allow={can.dispatch}>
            <DispatchesPage />
          </RequireRole>
        ),
      },
      {
        path: 'dispatch/:id',
        element: (
          <RequireRole allow={can.dispatch}>
            <DispatchSheetPage />
          </RequireRole>
        ),
      },
      { path: 'daily-reports/*', element: <DailyReportsPage /> },
      { path: 'regions/:regionId?', element: <RegionsPage /> },
      {
        path: 'users',
        element: (
          <RequireRole allow={can.manageUsers}>
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: 'gaps',
        element: (
          <RequireRole allow={can.readGaps}>
            <GapsPage />
          </RequireRole>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireRole allow={can.readAudit}>
            <AuditPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** /notices/seek[/id] → /seek-notices[/id] */
function OldSeekNoticeLink() {
  const rest = useParams()['*'];
  return <Navigate to={rest ? `/seek-notices/${rest}` : '/seek-notices'} replace />;
}
