import type { Dashboard, Figures, RiskLevel } from '../../../shared/rollups';
import { api } from '../../app/api';

/** How many days of trend the screen draws. */
const TREND_DAYS = 30;

/** The big-screen endpoints: the payload of one region (default: the top of my jurisdiction) and its live stream. */
export const dashboardApi = {
  get: (region: string | null, days = TREND_DAYS) =>
    api.get<Dashboard>('/dashboard', { region: region ?? undefined, days }),
  streamUrl: '/api/dashboard/stream',
};

/** Risk colours on the dark screen: a case is red, a fever or missed follow-up amber, otherwise green. */
export const RISK_COLORS: Record<RiskLevel, string> = { high: '#f5455c', medium: '#f7a530', low: '#25c08f' };
/** The same, darker, as the fill of a treemap block (the bright colour is its border and label). */
export const RISK_FILLS: Record<RiskLevel, string> = { high: '#8c1f2e', medium: '#8a5a12', low: '#145c4a' };
export const RISK_ORDER: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

/** Everyone in isolation or medical observation today: at home, in a centralised site, in hospital. */
export const isolated = (f: Figures) => f.inIsolationHome + f.inIsolationCentralised + f.inIsolationHospital;

/** Fevers found today: at the door (入户排查), at checkpoints, at isolation follow-ups. */
export const fevers = (f: Figures) => f.doorFevers + f.checkpointFevers + f.followUpFevers;

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export const percent = (part: number, whole: number) => (whole <= 0 ? null : Math.round((part / whole) * 1000) / 10);

/** 2020-01-24 → 1/24, for axis labels. */
export const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** Grouped digits in the UI language: 313,705. */
export const formatCount = (n: number, locale: string) => n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
