import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { bulkTarget } from '../db/bulk-writes';
import type { PartyMemberTable, PartyOrganisationTable } from '../features/party';
import { insertMembers, insertOrganisations } from '../features/party';
import { DemoIds, Rng } from './random';
import { cachedPersonKeys } from './search-keys';

/**
 * The demo county's party (党组织 and 党员), as the organisation department keeps it: the county
 * committee (中共平遥县委员会) over its organs' branches (县公安局党委 with its brigades), the schools'
 * general branches, the county hospital's committee (内科党总支 → 感染科党支部 …), the companies
 * (平遥牛肉集团党总支 …); under it each township's committee with its own organs, health centre and
 * school, and a 党支部 in every village (a 党总支 over two grid branches in a community) — about 400
 * organisations. About one adult resident in twenty is a member (~12,000 at county scale, more in
 * the small demo so its two villages have a roll): most in their own village's branch, the rest in
 * a unit branch of their township or the county, but every member is a registry person who lives in
 * some village — where they will report in (到社区报到). 正式 mostly, a few 预备 who joined in 2019;
 * a few are 流动 (away for work) or 失联. Branch posts (书记, 组织委员 …) go to a branch's first
 * members, and the secretary is the organisation's secretary. Most persons on the checkpoints' duty
 * rosters are members (checkpoints are staffed by party members in shifts), so the figures have
 * members at the front line.
 */
export interface PartyDemoSummary {
  organisations: number;
  branches: number;
  members: number;
  probationary: number;
  mobile: number;
  lostContact: number;
}

const DEMO_NOW = new Date(Date.UTC(2020, 0, 20)).toISOString();
/** Members are adults: born on or before this day. */
const ADULT_BORN_BY = '2001-12-31';
/** Share of adult residents who are members: ~12,000 of the county's ~250,000 adults; more in the small demo. */
const MEMBER_SHARE = { county: 0.048, small: 0.15 } as const;
/** Share of the checkpoint crews (persons on a duty roster) who are members. */
const ROSTER_SHARE = 0.7;

type OrgRow = Insertable<PartyOrganisationTable>;
type Kind = OrgRow['kind'];
type UnitType = OrgRow['unit_type'];
interface Region {
  id: string;
  path: string;
  name: string;
  level: string;
}

/** 县直机关: the county's organs, each a branch under the county committee (公安局 a committee with its brigades). */
const COUNTY_ORGANS = [
  '县委办公室',
  '县政府办公室',
  '县委组织部',
  '县委宣传部',
  '县纪委监委',
  '县发展和改革局',
  '县教育科技局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县住房和城乡建设局',
  '县交通运输局',
  '县农业农村局',
  '县商务局',
  '县文化和旅游局',
  '县卫生健康局',
  '县应急管理局',
  '县市场监督管理局',
  '县民政局',
  '县司法局',
  '县退役军人事务局',
  '县医疗保障局',
  '县水利局',
  '县统计局',
];

/** Units with organisations of their own under the county committee: [unit, unit type, kind, sub-branches]. */
const COUNTY_UNITS: [string, UnitType, Kind, string[]][] = [
  ['平遥县公安局', 'organ', 'committee', ['治安管理大队', '交通警察大队', '刑事侦查大队', '古城派出所']],
  ['平遥县人民医院', 'institution', 'committee', []],
  ['平遥县中医医院', 'institution', 'branch', []],
  ['平遥县疾病预防控制中心', 'institution', 'branch', []],
  ['平遥中学', 'school', 'general_branch', ['高一年级', '高二年级', '高三年级']],
  ['平遥二中', 'school', 'general_branch', ['初中部', '高中部']],
  ['平遥县职业中学', 'school', 'branch', []],
  ['平遥县第一小学', 'school', 'branch', []],
  ['平遥牛肉集团有限公司', 'enterprise', 'general_branch', ['生产车间', '营销中心']],
  ['山西平遥古城旅游集团', 'enterprise', 'committee', ['景区管理', '酒店服务', '票务中心']],
  ['国网平遥县供电公司', 'enterprise', 'branch', []],
  ['平遥县农村商业银行', 'enterprise', 'general_branch', ['营业部', '城区支行']],
  ['平遥县公共交通有限公司', 'enterprise', 'branch', []],
  ['平遥推光漆器厂', 'enterprise', 'branch', []],
];

/** 县人民医院党委: its general branches and branches (the fever clinic's staff are in 感染科). */
const HOSPITAL: [string, string[]][] = [
  ['内科党总支', ['呼吸内科党支部', '感染科党支部', '心血管内科党支部']],
  ['外科党总支', ['普外科党支部', '骨科党支部']],
  ['医技党支部', []],
  ['行政后勤党支部', []],
];

const POSTS: Record<Kind, string[]> = {
  committee: ['党委书记', '党委副书记'],
  general_branch: ['党总支书记', '组织委员', '宣传委员'],
  branch: ['党支部书记', '组织委员', '宣传委员', '纪检委员'],
};

function orgRow(
  ids: DemoIds,
  parent: OrgRow | null,
  kind: Kind,
  name: string,
  unitName: string,
  unitType: UnitType,
  region: Region,
): OrgRow {
  const keys = cachedPersonKeys(name, null, null);
  return {
    id: ids.next(),
    parent_id: parent?.id ?? null,
    code: null,
    kind,
    name,
    name_key: keys.name_key,
    pinyin: keys.pinyin,
    initials: keys.initials,
    unit_name: unitName,
    unit_type: unitType,
    region_id: region.id,
    region_path: region.path,
    secretary_person_id: null,
    phone: null,
    created_by: null,
    created_at: DEMO_NOW,
    updated_at: DEMO_NOW,
  };
}

/** The organisation tree: county, its units, the townships, their units and villages. */
function planOrganisations(ids: DemoIds, county: Region, townships: Region[], villages: Region[]) {
  const orgs: OrgRow[] = [];
  const add = (
    parent: OrgRow | null,
    kind: Kind,
    name: string,
    unitName: string,
    unitType: UnitType,
    region: Region,
  ) => {
    const row = orgRow(ids, parent, kind, name, unitName, unitType, region);
    orgs.push(row);
    return row;
  };
  /** branches members can belong to: the county's units, each township's units, each village's */
  const countyBranches: OrgRow[] = [];
  const townshipBranches = new Map<string, OrgRow[]>();
  const villageBranches = new Map<string, OrgRow[]>();

  const top = add(null, 'committee', '中共平遥县委员会', '中共平遥县委', 'organ', county);
  for (const organ of COUNTY_ORGANS)
    countyBranches.push(add(top, 'branch', `平遥${organ}机关党支部`, `平遥${organ}`, 'organ', county));
  for (const [unit, unitType, kind, subs] of COUNTY_UNITS) {
    const head = add(top, kind, `${unit}${KIND_NAME[kind]}`, unit, unitType, county);
    if (unit === '平遥县人民医院') {
      for (const [name, branches] of HOSPITAL) {
        const general = add(head, branches.length ? 'general_branch' : 'branch', name, unit, unitType, county);
        if (!branches.length) countyBranches.push(general);
        for (const b of branches) countyBranches.push(add(general, 'branch', b, unit, unitType, county));
      }
    } else if (subs.length) {
      for (const s of subs) countyBranches.push(add(head, 'branch', `${unit}${s}党支部`, unit, unitType, county));
    } else countyBranches.push(head);
  }

  for (const township of townships) {
    const committee = add(
      top,
      'committee',
      `中共${township.name}委员会`,
      `${township.name}人民政府`,
      'organ',
      township,
    );
    townshipBranches.set(township.path, [
      add(committee, 'branch', `${township.name}机关党支部`, `${township.name}人民政府`, 'organ', township),
      add(committee, 'branch', `${township.name}卫生院党支部`, `${township.name}卫生院`, 'institution', township),
      add(committee, 'branch', `${township.name}中心学校党支部`, `${township.name}中心学校`, 'school', township),
    ]);
    for (const village of villages.filter((v) => v.path.startsWith(township.path))) {
      if (/社区|居委会/.test(village.name)) {
        // a community: a general branch over the branches of its grids
        const general = add(committee, 'general_branch', `${village.name}党总支`, village.name, 'community', village);
        villageBranches.set(village.path, [
          add(general, 'branch', `${village.name}第一网格党支部`, village.name, 'community', village),
          add(general, 'branch', `${village.name}第二网格党支部`, village.name, 'community', village),
        ]);
      } else {
        villageBranches.set(village.path, [
          add(committee, 'branch', `${village.name}党支部`, village.name, 'village', village),
        ]);
      }
    }
  }
  return { orgs, countyBranches, townshipBranches, villageBranches };
}

const KIND_NAME: Record<Kind, string> = { committee: '党委', general_branch: '党总支', branch: '党支部' };

/** '/a/b/c/d/e/' → the first `depth` segments as a path ('/a/b/c/' for 3). */
function ancestorPath(path: string, depth: number): string {
  return `/${path
    .split('/')
    .slice(1, depth + 1)
    .join('/')}/`;
}

/** A calendar day in [fromYear, toYear], from the stream. */
function dayIn(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Build the demo county's party organisations and members (after the residents; deterministic from the demo seed). */
export async function buildPartyDemo(db: Db, scale: 'small' | 'county'): Promise<PartyDemoSummary> {
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = Number(seedRow?.value ?? 20200120);
  const rng = new Rng(seed ^ 0x1921_0701);
  const ids = new DemoIds(Date.UTC(2020, 0, 18), new Rng(seed ^ 0x7d2b_44e1));
  const regions: Region[] = await db
    .selectFrom('regions')
    .select(['id', 'path', 'name', 'level'])
    .where('level', 'in', ['county', 'township', 'village'])
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const county = regions.find((r) => r.level === 'county')!;
  const townships = regions.filter((r) => r.level === 'township');
  const villages = regions.filter((r) => r.level === 'village');
  const plan = planOrganisations(ids, county, townships, villages);

  const persons = await db
    .selectFrom('persons')
    .select(['id', 'region_path', 'birth_date', 'phone'])
    .where('status', '=', 'active')
    // residents of a household (a building of some village), not travellers registered at a checkpoint
    .where('household_id', 'is not', null)
    .where('birth_date', '<=', ADULT_BORN_BY)
    .orderBy('id')
    .execute();
  const share = MEMBER_SHARE[scale];
  // checkpoints are staffed in shifts by party members (党员先锋岗): most of the demo's crews are members
  const onRosters = new Set(
    (
      await db
        .selectFrom('duty_assignments')
        .select('person_id')
        .distinct()
        .where('person_id', 'is not', null)
        .execute()
    ).map((r) => r.person_id!),
  );
  const byOrg = new Map<string, number>();
  const orgById = new Map(plan.orgs.map((o) => [o.id, o]));
  const members: Insertable<PartyMemberTable>[] = [];
  for (const person of persons) {
    if (!rng.chance(onRosters.has(person.id) ? ROSTER_SHARE : share)) continue;
    const own = plan.villageBranches.get(ancestorPath(person.region_path, 3));
    const roll = rng.next();
    // most in their village's branch; the others in a unit of their township or of the county
    const choices =
      own && roll < 0.62
        ? own
        : roll < 0.82
          ? (plan.townshipBranches.get(ancestorPath(person.region_path, 2)) ?? plan.countyBranches)
          : plan.countyBranches;
    const org = choices[rng.int(0, choices.length - 1)]!;
    const born = Number(person.birth_date!.slice(0, 4));
    const probationary = rng.chance(0.04);
    const rank = byOrg.get(org.id) ?? 0;
    byOrg.set(org.id, rank + 1);
    const post = POSTS[org.kind][rank] ?? (rank < 8 && rng.chance(0.3) ? '党小组长' : null);
    if (rank === 0) {
      const row = orgById.get(org.id)!;
      row.secretary_person_id = person.id;
      row.phone = person.phone;
    }
    const status = rank < 3 ? 'normal' : rng.chance(0.03) ? 'mobile' : rng.chance(0.008) ? 'lost_contact' : 'normal';
    members.push({
      id: ids.next(),
      person_id: person.id,
      organisation_id: org.id,
      region_id: org.region_id,
      region_path: org.region_path,
      category: probationary ? 'probationary' : 'full',
      status,
      post,
      joined_on: probationary ? dayIn(rng, 2019, 2019) : dayIn(rng, Math.min(Math.max(1965, born + 19), 2018), 2018),
      removed_at: null,
      created_by: null,
      created_at: DEMO_NOW,
      updated_at: DEMO_NOW,
    });
  }

  await db.transaction().execute(async (trx) => {
    const to = bulkTarget(db, trx);
    await insertOrganisations(to, plan.orgs);
    await insertMembers(to, members);
  });
  return {
    organisations: plan.orgs.length,
    branches: plan.orgs.filter((o) => o.kind === 'branch').length,
    members: members.length,
    probationary: members.filter((m) => m.category === 'probationary').length,
    mobile: members.filter((m) => m.status === 'mobile').length,
    lostContact: members.filter((m) => m.status === 'lost_contact').length,
  };
}
