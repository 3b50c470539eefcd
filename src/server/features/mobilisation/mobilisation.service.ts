import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { AppError } from '../../errors';
import { pathInScope, type Scope } from '../../access/scope';
import type { Actor } from '../../access/actor';
import type { Figures } from '../../../shared/rollups';
import { CALLOUT_STANDARD_MINUTES } from '../../../shared/callouts';
import {
  MOBILISATION_LABELS,
  MOBILISATION_METRICS,
  type CalloutTimes,
  type MobilisationFigures,
  type MobilisationOverview,
  type MobilisationQuery,
  type PartyGiving,
} from '../../../shared/mobilisation';
import { audit } from '../audit';
import { findRegionById, getRegionInScope, listRegions } from '../regions';
import { readRollups } from '../rollups';
import { calloutFigures } from '../callouts';
import { partyDonationFigures } from '../donations';

const pick = (f: Figures): MobilisationFigures =>
  Object.fromEntries(MOBILISATION_METRICS.map((m) => [m, f[m]])) as MobilisationFigures;

/** The region asked for (in my jurisdiction), else the top of my jurisdiction. */
async function regionToShow(db: Db, scope: Scope, regionId: string | undefined) {
  if (regionId) return getRegionInScope(db, scope, regionId);
  const [top] = await listRegions(db, scope, {
    status: 'active',
    limit: 1,
    ...(scope.prefix === '/' ? {} : { underPath: scope.prefix }),
  });
  if (!top) throw new AppError('REGION_NOT_FOUND');
  return top;
}

const calloutTimes = (r: CalloutTimes): CalloutTimes => ({
  callouts: r.callouts,
  medianFirstAckSeconds: r.medianFirstAckSeconds,
  medianArriveSeconds: r.medianArriveSeconds,
  withinStandardShare: r.withinStandardShare,
});

const partyGiving = (r: PartyGiving): PartyGiving => ({
  donationsToday: r.donationsToday,
  moneyToday: r.moneyToday,
  donations: r.donations,
  members: r.members,
  money: r.money,
});

/**
 * 动员统计: the mobilisation figures of a region and of each of its children on a local day, read
 * from the roll-ups — the same numbers as the big screen and the daily report, never retyped —
 * with the call-out times of the region and of each township in it (callouts' calloutFigures).
 */
export async function mobilisationOverview(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  q: MobilisationQuery,
): Promise<MobilisationOverview> {
  const region = await regionToShow(db, scope, q.region);
  const day = q.day ?? localDay(clock.now(), timeZone);
  if (day > localDay(clock.now(), timeZone)) throw new AppError('FIGURES_DAY_IN_FUTURE');
  const children = await listRegions(db, scope, { parentId: region.id, status: 'active', limit: 2000 });
  const shown = children.filter((c) => c.level !== 'building');
  const figures = await readRollups(db, [region.path, ...shown.map((c) => c.path)], day);
  const parent = region.parent_id ? await findRegionById(db, region.parent_id) : undefined;
  // call-out times per township of the region shown, and over the whole region (its total)
  const times = await calloutFigures(db, { prefix: region.path }, { day, timeZone });
  const timesOf = new Map<string, CalloutTimes>(
    times.rows.filter((r) => r.regionPath?.startsWith(region.path)).map((r) => [r.regionPath!, calloutTimes(r)]),
  );
  // party members' donations per township, and over the region (donations' partyDonationFigures)
  const giving = await partyDonationFigures(db, { prefix: region.path }, { day });
  const givingOf = new Map<string, PartyGiving>(
    giving.rows.filter((r) => r.regionPath.startsWith(region.path)).map((r) => [r.regionPath, partyGiving(r)]),
  );
  const row = (r: { id: string; name: string; level: string; path: string }) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    path: r.path,
    figures: pick(figures.get(r.path)!),
    calloutTimes: r.path === region.path ? calloutTimes(times.total) : (timesOf.get(r.path) ?? null),
    partyGiving: r.path === region.path ? partyGiving(giving.total) : (givingOf.get(r.path) ?? null),
  });
  return {
    day,
    region: row(region),
    parentId: parent && pathInScope(parent.path, scope) ? parent.id : null,
    children: shown.map(row),
  };
}

/** The call-out times' columns of the .xlsx: minutes with one decimal, the share in per cent (blank: no call-out). */
const CALLOUT_TIME_HEADERS = [
  '集结令首次响应中位数（分钟）',
  '集结令到达中位数（分钟）',
  `${CALLOUT_STANDARD_MINUTES}分钟内集结完成率（%）`,
];
const minutesOf = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
const GIVING_HEADERS = ['党员捐款当日（元）', '党员捐款累计（元）', '捐款党员（人）'];
const givingCells = (g: PartyGiving | null) => [g?.moneyToday ?? null, g?.money ?? null, g?.members ?? null];
const calloutTimeCells = (t: CalloutTimes | null) => [
  minutesOf(t?.medianFirstAckSeconds ?? null),
  minutesOf(t?.medianArriveSeconds ?? null),
  t?.withinStandardShare == null ? null : Math.round(t.withinStandardShare * 1000) / 10,
];

/** The overview as .xlsx with Chinese headers: one row per child region, then the region's total (audited). */
export async function exportMobilisation(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  scope: Scope,
  q: MobilisationQuery,
): Promise<{ buffer: Buffer; filename: string }> {
  const o = await mobilisationOverview(db, clock, timeZone, scope, q);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('动员统计');
  ws.addRow([`${o.region.name} 党员志愿者动员统计（${o.day}）`]);
  ws.mergeCells(1, 1, 1, MOBILISATION_METRICS.length + 1 + CALLOUT_TIME_HEADERS.length + GIVING_HEADERS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  const header = ws.addRow([
    '区域',
    ...MOBILISATION_METRICS.map((m) => MOBILISATION_LABELS[m].zh),
    ...CALLOUT_TIME_HEADERS,
    ...GIVING_HEADERS,
  ]);
  header.font = { bold: true };
  for (const c of o.children)
    ws.addRow([
      c.name,
      ...MOBILISATION_METRICS.map((m) => c.figures[m]),
      ...calloutTimeCells(c.calloutTimes),
      ...givingCells(c.partyGiving),
    ]);
  const total = ws.addRow([
    `${o.region.name}（合计）`,
    ...MOBILISATION_METRICS.map((m) => o.region.figures[m]),
    ...calloutTimeCells(o.region.calloutTimes),
    ...givingCells(o.region.partyGiving),
  ]);
  total.font = { bold: true };
  ws.getColumn(1).width = 22;
  for (let i = 2; i <= MOBILISATION_METRICS.length + 1 + CALLOUT_TIME_HEADERS.length + GIVING_HEADERS.length; i++)
    ws.getColumn(i).width = 14;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  await audit(db, clock, actor, {
    action: 'mobilisation.export',
    entityType: 'region',
    entityId: o.region.id,
    regionPath: o.region.path,
    details: { day: o.day },
  });
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `党员志愿者动员统计-${o.region.name}-${o.day}.xlsx`,
  };
}
