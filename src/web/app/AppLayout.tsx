import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DashboardOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  MedicineBoxOutlined,
  MenuOutlined,
  NodeIndexOutlined,
  PercentageOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  InboxOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, Spin, Tooltip, Typography, type MenuProps } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '../../shared/enums';
import { AlertsBadge } from '../features/alerts/AlertsBadge';
import { AlertsProvider } from '../features/alerts/AlertsProvider';
import { NoticesBadge } from '../features/notices/NoticesBadge';
import { useAuth, useMe } from './auth';
import { LocaleSwitch } from './components/LocaleSwitch';
import { useI18n, type MessageKey, type Translate } from './i18n';
import { can } from './permissions';
import { useIsMobile } from './useIsMobile';
import './styles/touch.css';

const ChangePasswordModal = lazy(() => import('../features/auth/ChangePasswordModal'));

interface NavEntry {
  path: string;
  label: MessageKey;
  testId: string;
  icon: ReactNode;
  visible: (role: Role) => boolean;
}

const NAV: NavEntry[] = [
  { path: '/field', label: 'nav.field', testId: 'nav-field', icon: <FormOutlined />, visible: can.screen },
  {
    path: '/isolation/today',
    label: 'nav.isolationToday',
    testId: 'nav-isolation-today',
    icon: <ScheduleOutlined />,
    visible: can.isolate,
  },
  {
    path: '/checkpoint',
    label: 'nav.checkpointEntry',
    testId: 'nav-checkpoint-entry',
    icon: <CarOutlined />,
    visible: can.registerPassages,
  },
  { path: '/persons', label: 'nav.persons', testId: 'nav-persons', icon: <IdcardOutlined />, visible: () => true },
  {
    path: '/persons/transfers',
    label: 'nav.transfers',
    testId: 'nav-transfers',
    icon: <SwapOutlined />,
    visible: can.registerPersons,
  },
  {
    path: '/households',
    label: 'nav.households',
    testId: 'nav-households',
    icon: <HomeOutlined />,
    visible: () => true,
  },
  {
    path: '/screening',
    label: 'nav.screening',
    testId: 'nav-screening',
    icon: <AimOutlined />,
    visible: can.readCoverage,
  },
  {
    path: '/checkpoints/roster',
    label: 'nav.roster',
    testId: 'nav-roster',
    icon: <CalendarOutlined />,
    visible: can.registerPassages,
  },
  {
    path: '/checkpoints/figures',
    label: 'nav.checkpointFigures',
    testId: 'nav-figures',
    icon: <BarChartOutlined />,
    visible: () => true,
  },
  {
    path: '/checkpoints',
    label: 'nav.checkpoints',
    testId: 'nav-checkpoints',
    icon: <EnvironmentOutlined />,
    visible: can.manageSites,
  },
  {
    path: '/zero-report',
    label: 'nav.zeroReport',
    testId: 'nav-zero-report',
    icon: <FileDoneOutlined />,
    visible: can.fileZeroReport,
  },
  {
    path: '/zero-reports/status',
    label: 'nav.zeroReportStatus',
    testId: 'nav-zero-report-status',
    icon: <FundOutlined />,
    visible: can.watchZeroReports,
  },
  {
    path: '/isolation',
    label: 'nav.isolation',
    testId: 'nav-isolation',
    icon: <MedicineBoxOutlined />,
    visible: () => true,
  },
  {
    path: '/isolation/sites',
    label: 'nav.isolationSites',
    testId: 'nav-isolation-sites',
    icon: <BankOutlined />,
    visible: () => true,
  },
  {
    path: '/dashboard',
    label: 'nav.dashboard',
    testId: 'nav-dashboard',
    icon: <DashboardOutlined />,
    visible: () => true,
  },
  {
    path: '/daily-reports',
    label: 'nav.dailyReports',
    testId: 'nav-daily-reports',
    icon: <SolutionOutlined />,
    visible: () => true,
  },
  {
    path: '/dispatch',
    label: 'nav.dispatch',
    testId: 'nav-dispatch',
    icon: <ProfileOutlined />,
    visible: can.dispatch,
  },
  { path: '/cases', label: 'nav.cases', testId: 'nav-cases', icon: <NodeIndexOutlined />, visible: can.trace },
  { path: '/notices', label: 'nav.notices', testId: 'nav-notices', icon: <MailOutlined />, visible: () => true },
  {
    path: '/gatherings',
    label: 'nav.gatherings',
    testId: 'nav-gatherings',
    icon: <GiftOutlined />,
    visible: () => true,
  },
  {
    path: '/callouts',
    label: 'nav.callouts',
    testId: 'nav-callouts',
    icon: <ThunderboltOutlined />,
    visible: can.callOut,
  },
  { path: '/supplies', label: 'nav.supplies', testId: 'nav-supplies', icon: <InboxOutlined />, visible: can.supplies },
  {
    path: '/supplies/requests',
    label: 'nav.supplyRequests',
    testId: 'nav-supply-requests',
    icon: <InboxOutlined />,
    visible: can.requestSupplies,
  },
  {
    path: '/supplies/allocations',
    label: 'nav.allocations',
    testId: 'nav-allocations',
    icon: <InboxOutlined />,
    visible: can.requestSupplies,
  },
  {
    path: '/supplies/consumption',
    label: 'nav.consumption',
    testId: 'nav-consumption',
    icon: <InboxOutlined />,
    visible: can.reportConsumption,
  },
  {
    path: '/volunteers',
    label: 'nav.volunteers',
    testId: 'nav-volunteers',
    icon: <HeartOutlined />,
    visible: can.readVolunteers,
  },
  {
    path: '/volunteer-tasks',
    label: 'nav.volunteerTasks',
    testId: 'nav-volunteer-tasks',
    icon: <CarryOutOutlined />,
    visible: can.leadVolunteers,
  },
  {
    path: '/party/organisations',
    label: 'nav.partyOrgs',
    testId: 'nav-party-orgs',
    icon: <FlagOutlined />,
    visible: can.readParty,
  },
  {
    path: '/party/members',
    label: 'nav.partyMembers',
    testId: 'nav-party-members',
    icon: <ContactsOutlined />,
    visible: can.readParty,
  },
  {
    path: '/temp-branches',
    label: 'nav.tempBranches',
    testId: 'nav-temp-branches',
    icon: <ClusterOutlined />,
    visible: can.readBranches,
  },
  {
    path: '/reporting',
    label: 'nav.reporting',
    testId: 'nav-reporting',
    icon: <CheckSquareOutlined />,
    visible: can.keepReports,
  },
  {
    path: '/reporting/rates',
    label: 'nav.reportingRates',
    testId: 'nav-reporting-rates',
    icon: <PercentageOutlined />,
    visible: can.readReportingRates,
  },
  {
    path: '/pledges',
    label: 'nav.pledges',
    testId: 'nav-pledges',
    icon: <EditOutlined />,
    visible: can.keepPledges,
  },
  {
    path: '/mobilisation',
    label: 'nav.mobilisation',
    testId: 'nav-mobilisation',
    icon: <PieChartOutlined />,
    visible: can.readMobilisation,
  },
  {
    path: '/seek-notices',
    label: 'nav.seekNotices',
    testId: 'nav-seek-notices',
    icon: <NotificationOutlined />,
    visible: can.trace,
  },
  { path: '/alerts', label: 'nav.alerts', testId: 'nav-alerts', icon: <AlertOutlined />, visible: can.readAlerts },
  { path: '/regions', label: 'nav.regions', testId: 'nav-regions', icon: <ApartmentOutlined />, visible: () => true },
  { path: '/users', label: 'nav.users', testId: 'nav-users', icon: <TeamOutlined />, visible: can.manageUsers },
  { path: '/gaps', label: 'nav.gaps', testId: 'nav-gaps', icon: <SafetyCertificateOutlined />, visible: can.readGaps },
  { path: '/audit', label: 'nav.audit', testId: 'nav-audit', icon: <AuditOutlined />, visible: can.readAudit },
];

function menuItems(role: Role, t: Translate, onNavigate?: () => void): MenuProps['items'] {
  return NAV.filter((entry) => entry.visible(role)).map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={entry.testId} onClick={onNavigate}>
        {t(entry.label)}
      </Link>
    ),
  }));
}

const HEADER_BG = '#9f1d1d';

/** The shell every logged-in page sits in: header, side menu (a drawer at phone width), content. */
export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const mobile = useIsMobile();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // the longest matching entry: /checkpoints/roster is not /checkpoints, and /checkpoints is not /checkpoint
  const selected =
    NAV.filter((entry) => location.pathname === entry.path || location.pathname.startsWith(entry.path + '/')).sort(
      (a, b) => b.path.length - a.path.length,
    )[0]?.path ?? '';
  const scope = me.region?.name ?? t('header.scopeAll');
  const role = t(`role.${me.role}`);

  const userMenu: MenuProps = {
    items: [{ key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') }],
    onClick: ({ key }) => key === 'password' && setPasswordOpen(true),
  };

  return (
    <AlertsProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          className="qf-header"
          style={{
            background: HEADER_BG,
            color: '#fff',
            display: 'flex',
            alignItems: 'center',
            gap: mobile ? 8 : 16,
            padding: mobile ? '0 8px' : '0 20px',
            position: 'sticky',
            top: 0,
            zIndex: 100,
          }}
        >
          {mobile && (
            <Button
              type="text"
              icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
              aria-label={t('header.menu')}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link to="/" style={{ color: '#fff', display: 'flex', alignItems: 'baseline', gap: 10, flexShrink: 0 }}>
            <span style={{ fontSize: 22, fontWeight: 700, letterSpacing: 2 }}>群防</span>
            {!mobile && <span style={{ fontSize: 13, opacity: 0.85 }}>{t('app.tagline')}</span>}
          </Link>
          <div style={{ flex: 1 }} />
          <NoticesBadge />
          {can.readAlerts(me.role) && <AlertsBadge />}
          <LocaleSwitch variant="borderless" />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <button
              type="button"
              style={{
                all: 'unset',
                cursor: 'pointer',
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                lineHeight: 1.25,
                minWidth: 0,
                maxWidth: mobile ? 120 : 320,
              }}
            >
              {!mobile && <UserOutlined style={{ fontSize: 18 }} />}
              <span style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                <span
                  data-testid="current-user"
                  style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  {me.displayName}
                </span>
                <span
                  style={{
                    fontSize: 12,
                    opacity: 0.85,
                    whiteSpace: 'nowrap',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  <span data-testid="current-role">{role}</span>
                  {' · '}
                  <span data-testid="current-scope">{scope}</span>
                </span>
              </span>
            </button>
          </Dropdown>
          <Tooltip title={mobile ? t('header.logout') : undefined}>
            <Button
              data-testid="logout"
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => void logout()}
              style={{ color: '#fff' }}
              aria-label={t('header.logout')}
            >
              {mobile ? null : t('header.logout')}
            </Button>
          </Tooltip>
        </Layout.Header>
        <Layout>
          {!mobile && (
            <Layout.Sider width={216} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
              <Menu
                mode="inline"
                selectedKeys={[selected]}
                items={menuItems(me.role, t)}
                style={{ borderRight: 0, paddingTop: 8 }}
              />
            </Layout.Sider>
          )}
          {mobile && (
            <Drawer
              placement="left"
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              size={260}
              destroyOnHidden
              title={
                <div>
                  <div>{me.displayName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {role} · {scope}
                  </Typography.Text>
                </div>
              }
              styles={{ body: { padding: 0 } }}
            >
              <Menu mode="inline" selectedKeys={[selected]} items={menuItems(me.role, t, () => setDrawerOpen(false))} />
            </Drawer>
          )}
          <Layout.Content style={{ padding: mobile ? 8 : 20, minWidth: 0 }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
        {passwordOpen && (
          <Suspense fallback={null}>
            <ChangePasswordModal onClose={() => setPasswordOpen(false)} />
          </Suspense>
        )}
      </Layout>
    </AlertsProvider>
  );
}

export function PageSpinner() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}
