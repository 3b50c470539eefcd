import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { GatheringTable, GatheringVisitTable } from '../features/gatherings';
import type { NoticeReadTable, NoticeTable } from '../features/notices';
import { insertMany } from '../db/bulk-writes';
import { randomFullName } from './names';
import { Rng, WeightedPicker, TimedIds } from './random';

/**
 * Notices and gatherings in the demo county, as Spring Festival 2020 went:
 * - the command centre's notices (Level-I response to everyone; door-to-door screening to the grid
 *   workers) and 古陶镇's own on banquets, each read by most but not all of its addressees, and one
 *   still a draft;
 * - the public announcements: scenic spots closed (平遥古城 closed on 25 January), buses stopped,
 *   gatherings banned;
 * - a few hundred gatherings in the villages from 18 January to mid-February — weddings, banquets,
 *   birthdays, funerals, temple fairs, markets. Those before the response (22 January) were mostly
 *   held; after it, most were cancelled or postponed after one to three persuasion visits, some
 *   scaled down (funerals cannot wait), a few held anyway; the latest are still planned.
 */
export interface GatheringsDemoSummary {
  notices: number;
  announcements: number;
  reads: number;
  gatherings: number;
  cancelled: number;
  visits: number;
}

const at = (localIso: string) => new Date(Date.parse(`${localIso}+08:00`)).toISOString();
const DAY = 86_400_000;

const OCCASIONS = new WeightedPicker(
  ['banquet', 'wedding', 'birthday', 'funeral', 'temple_fair', 'market', 'other'] as const,
  [30, 25, 15, 12, 5, 8, 5],
);
const GUESTS: Record<GatheringTable['occasion'], [number, number]> = {
  banquet: [20, 120],
  wedding: [80, 400],
  birthday: [20, 150],
  funeral: [30, 200],
  temple_fair: [300, 2000],
  market: [200, 1500],
  other: [20, 100],
};
const PLACES: Record<GatheringTable['occasion'], string> = {
  banquet: '主家院内',
  wedding: '村文化广场',
  birthday: '主家院内',
  funeral: '主家院内',
  temple_fair: '村中庙前',
  market: '村集贸市场',
  other: '村委会院内',
};

const INTERNAL: {
  title: string;
  body: string;
  urgency: NoticeTable['urgency'];
  roles: string[];
  township?: boolean;
  published: string | null;
  readShare: number;
}[] = [
  {
    title: '关于启动重大突发公共卫生事件一级响应的通知',
    urgency: 'immediate',
    roles: [],
    published: '2020-01-25T09:30:00',
    readShare: 0.8,
    body: '根据省委、省政府决定，我省自1月25日起启动重大突发公共卫生事件一级响应。各乡镇、各部门务必立即进入战时状态，主要负责同志靠前指挥，落实联防联控、群防群控各项措施。',
  },
  {
    title: '关于开展地毯式入户排查的紧急通知',
    urgency: 'urgent',
    roles: ['grid'],
    published: '2020-01-26T08:00:00',
    readShare: 0.85,
    body: '各网格员于1月28日前完成辖区内所有住户的入户排查，逐人造册登记，重点掌握湖北（武汉）返乡人员和发热人员情况，做到不漏一户、不落一人，当日数据当日录入。',
  },
  {
    title: '关于劝导村民取消红白喜事宴请的通知',
    urgency: 'urgent',
    roles: ['grid', 'township'],
    township: true,
    published: '2020-01-24T15:00:00',
    readShare: 0.6,
    body: '疫情防控期间，各村要逐户摸清春节前后拟办的婚丧嫁娶、寿宴、满月宴等活动，主动上门劝导：喜事延期办，丧事从简办，宴请一律取消，并如实登记劝导结果。',
  },
  {
    title: '关于做好返岗复工人员健康监测的通知（征求意见稿）',
    urgency: 'routine',
    roles: ['township'],
    published: null,
    readShare: 0,
    body: '各乡镇对返岗复工人员实行健康监测，建立台账，每日报告。',
  },
];

const PUBLIC: { title: string; body: string; urgency: NoticeTable['urgency']; published: string }[] = [
  {
    title: '关于平遥古城等景区暂停开放的公告',
    urgency: 'urgent',
    published: '2020-01-25T12:00:00',
    body: '为做好新型冠状病毒感染的肺炎疫情防控工作，自2020年1月25日起，平遥古城、双林寺、镇国寺等景区暂停对外开放，恢复开放时间另行通知。给您带来的不便，敬请谅解。',
  },
  {
    title: '关于全县城乡客运班线停运的通告',
    urgency: 'urgent',
    published: '2020-01-26T10:00:00',
    body: '自2020年1月26日12时起，全县城乡客运班线、出租汽车暂停运营。确有急需出行的，请联系所在村（社区）。',
  },
  {
    title: '关于禁止举办聚集性活动的通告',
    urgency: 'immediate',
    published: '2020-01-27T09:00:00',
    body: '疫情防控期间，全县范围内禁止举办庙会、集市、文艺演出等聚集性活动。婚事延期办，丧事从简办，宴请不办。各村（社区）要加强劝导，对拒不执行的依法处理。',
  },
];

export async function buildGatheringsDemo(db: Db): Promise<GatheringsDemoSummary> {
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = Number(seedRow?.value ?? 20200120);
  const rng = new Rng((seed ^ 0x6a7e4e55) >>> 0);
  const ids = new TimedIds(new Rng((seed ^ 0x0ca11ed5) >>> 0));
  const summary: GatheringsDemoSummary = {
    notices: 0,
    announcements: 0,
    reads: 0,
    gatherings: 0,
    cancelled: 0,
    visits: 0,
  };
  const county = await db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('level', '=', 'county')
    .executeTakeFirstOrThrow();
  const townships = await db
    .selectFrom('regions')
    .select(['id', 'path', 'name'])
    .where('level', '=', 'township')
    .orderBy('path')
    .execute();
  const villages = await db
    .selectFrom('regions')
    .select(['id', 'path', 'name'])
    .where('level', '=', 'village')
    .orderBy('path')
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'region_path'])
    .where('status', '=', 'active')
    .orderBy('username')
    .execute();
  const command = users.find((u) => u.username === 'command');
  const gutaoCadre = users.find((u) => u.role === 'township' && u.region_path === townships[0]?.path);

  // Notices, and the receipts of those published.
  const notices: Insertable<NoticeTable>[] = [];
  const reads: Insertable<NoticeReadTable>[] = [];
  for (const n of INTERNAL) {
    const author = n.township && gutaoCadre ? gutaoCadre : command;
    const region = n.township && townships[0] ? townships[0] : county;
    const created = at(n.published ?? '2020-02-03T16:00:00');
    const id = ids.at(created);
    notices.push({
      id,
      kind: 'internal',
      title: n.title,
      body: n.body,
      urgency: n.urgency,
      region_id: region.id,
      region_path: region.path,
      audience_roles: JSON.stringify([...n.roles].sort()),
      state: n.published ? 'published' : 'draft',
      slug: null,
      created_by: author?.id ?? null,
      author_name: author?.display_name ?? null,
      created_at: created,
      updated_at: created,
      published_at: n.published ? created : null,
      withdrawn_at: null,
    });
    if (!n.published) continue;
    for (const u of users) {
      if (!u.region_path.startsWith(region.path) || (n.roles.length > 0 && !n.roles.includes(u.role))) continue;
      if (!rng.chance(n.readShare)) continue;
      reads.push({
        notice_id: id,
        user_id: u.id,
        read_at: new Date(Date.parse(created) + rng.int(3, 600) * 60_000).toISOString(),
      });
    }
  }
  for (const a of PUBLIC) {
    const created = at(a.published);
    notices.push({
      id: ids.at(created),
      kind: 'public',
      title: a.title,
      body: a.body,
      urgency: a.urgency,
      region_id: county.id,
      region_path: county.path,
      audience_roles: '[]',
      state: 'published',
      slug: Buffer.from(rng.bytes(new Uint8Array(6))).toString('base64url'),
      created_by: command?.id ?? null,
      author_name: command?.display_name ?? null,
      created_at: created,
      updated_at: created,
      published_at: created,
      withdrawn_at: null,
    });
  }
  await insertMany(db, 'notices', notices);
  await insertMany(db, 'notice_reads', reads);
  summary.notices = INTERNAL.length;
  summary.announcements = PUBLIC.length;
  summary.reads = reads.length;

  // Gatherings in the villages, and the persuasion visits to their hosts.
  const gatherings: Insertable<GatheringTable>[] = [];
  const visits: Insertable<GatheringVisitTable>[] = [];
  const visitorOf = (path: string) =>
    users.find((u) => u.role === 'grid' && u.region_path.startsWith(path)) ??
    users.find((u) => u.role === 'township' && path.startsWith(u.region_path)) ??
    command;
  const total = villages.length ? 300 : 0;
  const first = Date.parse('2020-01-18T00:00:00Z');
  for (let i = 0; i < total; i++) {
    const village = villages[rng.int(0, villages.length - 1)]!;
    const occasion = OCCASIONS.pick(rng);
    const dayMs = first + rng.int(0, 27) * DAY;
    const date = new Date(dayMs).toISOString().slice(0, 10);
    const [lo, hi] = GUESTS[occasion];
    const expected = Math.round(rng.triangular(lo, lo + (hi - lo) / 4, hi));
    const created = at(
      `${new Date(Math.max(first - 3 * DAY, dayMs - rng.int(1, 7) * DAY)).toISOString().slice(0, 10)}T${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`,
    );
    const status = outcomeFor(rng, occasion, date);
    const actual =
      status === 'cancelled'
        ? 0
        : status === 'scaled_down'
          ? Math.max(1, Math.round(expected * (0.05 + rng.next() * 0.2)))
          : status === 'held'
            ? Math.round(expected * (0.6 + rng.next() * 0.4))
            : null;
    const newDate =
      status === 'postponed'
        ? `2020-${String(rng.int(4, 10)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
        : null;
    const visitor = visitorOf(village.path);
    const id = ids.at(created);
    const visitCount = status === 'planned' ? rng.int(0, 1) : status === 'held' ? rng.int(0, 1) : rng.int(1, 3);
    let last = created;
    for (let k = 0; k < visitCount; k++) {
      last = new Date(
        Math.min(Date.parse(created) + (k + 1) * rng.int(4, 30) * 3600_000, dayMs - 3600_000),
      ).toISOString();
      if (last < created) last = created;
      const persuaded = status !== 'held' && status !== 'planned' && k === visitCount - 1;
      visits.push({
        id: ids.at(last),
        gathering_id: id,
        region_path: village.path,
        visited_at: last,
        visitor_id: visitor?.id ?? null,
        visitor_name: visitor?.display_name ?? null,
        present: k === 0 ? '主家夫妇' : '主家及亲属',
        result: persuaded ? RESULT[status] : rng.pick(HESITATION),
        agreed: persuaded ? 1 : 0,
        created_at: last,
      });
    }
    gatherings.push({
      id,
      region_id: village.id,
      region_path: village.path,
      occasion,
      host_name: randomFullName(rng, rng.chance(0.7) ? 'M' : 'F', rng.int(1950, 1995)),
      host_phone: `13${rng.int(4, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      date,
      place: `${village.name}${PLACES[occasion]}`,
      expected_guests: expected,
      status,
      new_date: newDate,
      actual_guests: actual,
      outcome_note: null,
      outcome_at: status === 'planned' ? null : last,
      outcome_by: status === 'planned' ? null : (visitor?.id ?? null),
      note: null,
      created_by: visitor?.id ?? null,
      created_at: created,
      updated_at: last,
    });
    if (status === 'cancelled') summary.cancelled++;
  }
  await insertMany(db, 'gatherings', gatherings);
  await insertMany(db, 'gathering_visits', visits);
  summary.gatherings = gatherings.length;
  summary.visits = visits.length;
  return summary;
}

const RESULT: Record<GatheringTable['status'], string> = {
  cancelled: '讲解禁止聚集的通告，主家同意取消宴请',
  postponed: '主家同意喜事延期，待疫情结束后再办',
  scaled_down: '主家同意从简办理，只限直系亲属参加',
  held: '',
  planned: '',
};
const HESITATION = ['主家表示请柬已发出，需与亲戚商量', '主家犹豫，约定明日再访', '主家称饭店已预订，暂未同意'];

/** Before the response most gatherings went ahead; after it most were called off; the latest are still planned. */
function outcomeFor(rng: Rng, occasion: GatheringTable['occasion'], date: string): GatheringTable['status'] {
  if (date < '2020-01-22') return rng.chance(0.7) ? 'held' : 'cancelled';
  if (date > '2020-02-10' && rng.chance(0.5)) return 'planned';
  if (occasion === 'funeral') return rng.chance(0.85) ? 'scaled_down' : 'held';
  const x = rng.next();
  return x < 0.62 ? 'cancelled' : x < 0.84 ? 'postponed' : x < 0.96 ? 'scaled_down' : 'held';
}
