import { z } from 'zod';

/**
 * The figures Qunfang rolls up per region node and local day, from which the big screen and the
 * daily report are drawn. Flows count what happened during the day; stocks are the state as the day
 * ended (or as of the last recount, for today). All are additive: a township's figure is the sum of
 * its villages' plus what sits on the township itself.
 */
export const FLOW_METRICS = [
  'newPersons',
  'newReturnees',
  'householdsVisited',
  'doorFevers',
  'passages',
  'peopleChecked',
  'checkpointFevers',
  'turnedBack',
  'referred',
  'newIsolations',
  'completedIsolations',
  'followUpsMissed',
  'followUpFevers',
  'newCases',
  'newContacts',
  'partyMembersOnDuty',
  'callouts',
  'calloutsOnTime',
  'pledges',
  'volunteerTasksDone',
  'volunteerHours',
] as const;
export const STOCK_METRICS = [
  'residents',
  'households',
  'keyPersons',
  'returnees',
  'inIsolationHome',
  'inIsolationCentralised',
  'inIsolationHospital',
  'activeCases',
  'confirmedCases',
  'roundHouseholds',
  'roundVisited',
  'zeroReportUnits',
  'zeroReportsIn',
  'zeroReportsOnTime',
  'partyMembers',
  'membersReported',
  'tempBranches',
  'tempBranchesFlagged',
  'commandoTeams',
  'volunteersActive',
  'volunteerGroups',
] as const;
export const METRICS = [...FLOW_METRICS, ...STOCK_METRICS] as const;
export type Metric = (typeof METRICS)[number];

export const Figures = z.object(Object.fromEntries(METRICS.map((m) => [m, z.number()])) as Record<Metric, z.ZodNumber>);
export type Figures = Record<Metric, number>;

export const emptyFigures = (): Figures => Object.fromEntries(METRICS.map((m) => [m, 0])) as Figures;

/** Chinese and English labels for every figure — the daily report's rows and the big screen's legends. */
export const METRIC_LABELS: Record<Metric, { zh: string; en: string }> = {
  newPersons: { zh: '新登记人员', en: 'Newly registered persons' },
  newReturnees: { zh: '新增返乡人员', en: 'New returnees' },
  householdsVisited: { zh: '入户排查户次', en: 'Household visits' },
  doorFevers: { zh: '排查发热人数', en: 'Fevers found at the door' },
  passages: { zh: '卡口登记车辆', en: 'Vehicles at checkpoints' },
  peopleChecked: { zh: '卡口检测人员', en: 'People checked at checkpoints' },
  checkpointFevers: { zh: '卡口发热人数', en: 'Fevers at checkpoints' },
  turnedBack: { zh: '劝返车辆', en: 'Vehicles turned back' },
  referred: { zh: '转诊车辆', en: 'Vehicles referred' },
  newIsolations: { zh: '新增隔离观察', en: 'New isolations' },
  completedIsolations: { zh: '解除隔离', en: 'Isolations completed' },
  followUpsMissed: { zh: '漏访次数', en: 'Missed follow-ups' },
  followUpFevers: { zh: '随访发热人次', en: 'Fevers at follow-ups' },
  newCases: { zh: '新增病例', en: 'New cases' },
  newContacts: { zh: '新增密切接触者', en: 'New contacts' },
  residents: { zh: '登记人员总数', en: 'Registered residents' },
  households: { zh: '登记户数', en: 'Registered households' },
  keyPersons: { zh: '重点人员', en: 'Key persons' },
  returnees: { zh: '返乡人员累计', en: 'Returnees (total)' },
  inIsolationHome: { zh: '居家隔离', en: 'In home isolation' },
  inIsolationCentralised: { zh: '集中隔离', en: 'In centralised isolation' },
  inIsolationHospital: { zh: '医院隔离', en: 'Isolated in hospital' },
  activeCases: { zh: '在治病例', en: 'Cases under treatment' },
  confirmedCases: { zh: '累计确诊', en: 'Confirmed cases (total)' },
  roundHouseholds: { zh: '本轮应排查户数', en: 'Households in the screening round' },
  roundVisited: { zh: '本轮已排查户数', en: 'Households screened in the round' },
  zeroReportUnits: { zh: '应报零报告单位', en: 'Units due a zero report' },
  zeroReportsIn: { zh: '已报零报告单位', en: 'Zero reports in' },
  zeroReportsOnTime: { zh: '按时上报单位', en: 'Zero reports on time' },
  partyMembersOnDuty: { zh: '在一线党员', en: 'Party members at the front line' },
  callouts: { zh: '下达集结令', en: 'Call-outs ordered' },
  calloutsOnTime: { zh: '按时集结完成', en: 'Call-outs complete on time' },
  pledges: { zh: '新签请战书', en: 'Pledges signed' },
  volunteerTasksDone: { zh: '完成志愿任务', en: 'Volunteer tasks done' },
  volunteerHours: { zh: '审核通过志愿服务时长（小时）', en: 'Volunteer hours approved' },
  partyMembers: { zh: '党员人数', en: 'Party members' },
  membersReported: { zh: '在职党员已报到', en: 'Members reported to their community' },
  tempBranches: { zh: '临时党支部', en: 'Temporary party branches' },
  tempBranchesFlagged: { zh: '临时党支部预警', en: 'Temporary-branch flags' },
  commandoTeams: { zh: '突击队', en: 'Commando teams' },
  volunteersActive: { zh: '在册志愿者', en: 'Active volunteers' },
  volunteerGroups: { zh: '志愿小组', en: 'Volunteer groups' },
};

/** Risk of a region on the big screen: a case under treatment is high; a fever, missed follow-up or anyone isolated is medium. */
export const RiskLevel = z.enum(['high', 'medium', 'low']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export function riskOf(f: Figures): RiskLevel {
  if (f.activeCases > 0 || f.newCases > 0) return 'high';
  if (f.doorFevers + f.checkpointFevers + f.followUpFevers + f.followUpsMissed > 0) return 'medium';
  return 'low';
}

export const DashboardQuery = z.object({
  /** the region to show (id); default: the top of my jurisdiction */
  region: z.string().uuid().optional(),
  /** how many days of trend, ending today */
  days: z.coerce.number().int().min(7).max(90).default(30),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const RegionRef = z.object({ id: z.string(), name: z.string(), level: z.string(), path: z.string() });

export const DashboardRegion = RegionRef.extend({ figures: Figures, risk: RiskLevel });
export type DashboardRegion = z.infer<typeof DashboardRegion>;

/** A grandchild on the sunburst: only what it is sized and coloured by, so a county's 500 villages stay a small payload. */
export const DashboardLeaf = RegionRef.extend({
  risk: RiskLevel,
  residents: z.number(),
  keyPersons: z.number(),
  inIsolation: z.number(),
  activeCases: z.number(),
  fevers: z.number(),
});
export type DashboardLeaf = z.infer<typeof DashboardLeaf>;

export const DashboardSite = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  passages: z.number(),
  people: z.number(),
  fevers: z.number(),
  turnedBack: z.number(),
  referred: z.number(),
});
export type DashboardSite = z.infer<typeof DashboardSite>;

/**
 * The big screen's whole payload for one region: today's figures and risk, the trend, the children
 * (click to drill down) with their own children for the sunburst, and today's checkpoint flows.
 */
export const Dashboard = z.object({
  region: RegionRef.extend({ risk: RiskLevel }),
  /** from the top of my jurisdiction down to the region, for the way back up */
  breadcrumb: z.array(RegionRef),
  day: z.string(),
  figures: Figures,
  yesterday: Figures,
  trend: z.array(z.object({ day: z.string(), figures: Figures })),
  children: z.array(DashboardRegion.extend({ children: z.array(DashboardLeaf) })),
  sites: z.array(DashboardSite),
  /** the roll-ups' version: the live stream sends a new one when figures change */
  version: z.string(),
  updatedAt: z.string().nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
