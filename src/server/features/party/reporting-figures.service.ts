import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { addDays, startOfLocalDay } from '../../clock';
import type { Scope } from '../../access/scope';
import type { ReportingRates } from '../../../shared/reporting';
import { listTownshipsOverlapping } from '../regions';
import {
  communityReportingCounts,
  reportCountsByPath,
  unitMemberCountsByPath,
  unitReportingCounts,
} from './reporting.repository';

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

/**
 * 报到率 for the organisation department: per unit, members of its branches (unit branches only —
 * village and community branches' members serve where they are) who reported / all of them, and
 * per community, who reported, who has a post and who is 已到岗. Units worst first.
 */
export async function reportingRates(db: Db, scope: Scope): Promise<ReportingRates> {
  const [units, communities, townships] = await Promise.all([
    unitReportingCounts(db, scope),
    communityReportingCounts(db, scope),
    listTownshipsOverlapping(db, scope.prefix),
  ]);
  const townshipOf = (path: string) => townships.find((t) => path.startsWith(t.path))?.name ?? null;
  const totals = units.reduce(
    (t, u) => ({ members: t.members + u.members, reported: t.reported + u.reported, onPost: t.onPost + u.onPost }),
    { members: 0, reported: 0, onPost: 0 },
  );
  return {
    units: units
      .map((u) => ({ ...u, rate: rate(u.reported, u.members) }))
      .sort((a, b) => a.rate - b.rate || a.unitName.localeCompare(b.unitName, 'zh-CN')),
    communities: communities.map((c) => ({
      communityId: c.regionId,
      communityName: c.name,
      townshipName: townshipOf(c.path),
      reported: c.reported,
      assigned: c.assigned,
      onPost: c.onPost,
    })),
    totals,
  };
}

/** The 报到率 tables as an .xlsx workbook: 按单位 and 按社区 sheets (no personal data). */
export async function reportingRatesWorkbook(db: Db, scope: Scope): Promise<Buffer> {
  const rates = await reportingRates(db, scope);
  const wb = new ExcelJS.Workbook();
  const units = wb.addWorksheet('按单位');
  units.columns = [
    { header: '单位', width: 28 },
    { header: '党员数', width: 10 },
    { header: '已报到', width: 10 },
    { header: '报到率', width: 10 },
    { header: '已到岗', width: 10 },
  ];
  for (const u of rates.units)
    units.addRow([u.unitName, u.members, u.reported, `${(u.rate * 100).toFixed(1)}%`, u.onPost]);
  const communities = wb.addWorksheet('按社区');
  communities.columns = [
    { header: '乡镇', width: 14 },
    { header: '村（社区）', width: 18 },
    { header: '已报到', width: 10 },
    { header: '已安排岗位', width: 12 },
    { header: '已到岗', width: 10 },
  ];
  for (const c of rates.communities)
    communities.addRow([c.townshipName ?? '', c.communityName, c.reported, c.assigned, c.onPost]);
  for (const ws of [units, communities]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One township's 报到 figures (see reportingFigures). */
export interface ReportingFigures {
  townshipPath: string;
  townshipName: string;
  /** members of unit branches whose branch is in the township */
  unitMembers: number;
  /** of those, how many have reported (to any community) */
  unitMembersReported: number;
  /** unitMembersReported / unitMembers, 0..1 */
  rate: number;
  /** members reported to the township's communities */
  reported: number;
  /** of those, reported (or moved here) on `day` */
  reportedOnDay: number;
  /** of those, given a post */
  assigned: number;
  /** of those, 已到岗 */
  onPost: number;
}

/**
 * 报到 figures per township of the jurisdiction, for the organisation department's page, the big
 * screen and the daily report: the unit-branch 报到率 of members whose branch is in the township,
 * and who reported to its communities (on the local `day`, in all, with a post, 已到岗). Counts are
 * as they stand now; `day` only selects "reported that day".
 */
export async function reportingFigures(
  db: Db,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<ReportingFigures[]> {
  const from = startOfLocalDay(opts.day, opts.timeZone).toISOString();
  const to = startOfLocalDay(addDays(opts.day, 1), opts.timeZone).toISOString();
  const [townships, reports, reportsTo, members] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    reportCountsByPath(db, scope, from),
    reportCountsByPath(db, scope, to),
    unitMemberCountsByPath(db, scope),
  ]);
  return townships.map((t) => {
    const inT = <T extends { regionPath: string }>(rows: T[]) => rows.filter((r) => r.regionPath.startsWith(t.path));
    const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
    const unitMembers = sum(inT(members), (r) => r.members);
    const unitMembersReported = sum(inT(members), (r) => r.reported);
    return {
      townshipPath: t.path,
      townshipName: t.name,
      unitMembers,
      unitMembersReported,
      rate: rate(unitMembersReported, unitMembers),
      reported: sum(inT(reports), (r) => r.reported),
      reportedOnDay: sum(inT(reports), (r) => r.reportedSince) - sum(inT(reportsTo), (r) => r.reportedSince),
      assigned: sum(inT(reports), (r) => r.assigned),
      onPost: sum(inT(reports), (r) => r.onPost),
    };
  });
}
