import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { bulkTarget } from '../db/bulk-writes';
import {
  insertReportingRows,
  linkedRegionIds,
  unitMembersForDemo,
  type PartyReportHistoryTable,
  type PartyReportingLinkTable,
  type PartyReportTable,
} from '../features/party';
import { codesOfPath, findRegionsByCodes, type RegionRow } from '../features/regions';
import { Rng, TimedIds, WeightedPicker } from './random';

/**
 * 在职党员到社区报到 in the demo county: of the members of unit branches (county bureaus, schools,
 * hospitals, companies — the party demo's), about 70% reported to the village or community where
 * they live between 24 and 27 January, most from the poster's QR code, some entered by a cadre;
 * about 85% of those were given a post (卡口值守 the most) and about 70% of those are 已到岗. Every
 * community with a report has its poster link. With no members yet, nothing is written.
 */
export interface ReportingDemoSummary {
  reported: number;
  assigned: number;
  onPost: number;
  communities: number;
}

const POSTS = new WeightedPicker(
  ['checkpoint', 'door_to_door', 'publicity', 'errands', 'order', 'other'] as const,
  [35, 25, 15, 12, 10, 3],
);
/** 2020-01-24 08:00 to 2020-01-27 20:00 in China (UTC+8). */
const FROM_MS = Date.parse('2020-01-24T00:00:00Z');
const SPAN_MS = 3.5 * 86_400_000;
const MAX_MEMBERS = 50_000;

export async function buildReportingDemo(db: Db, seed = 20200124): Promise<ReportingDemoSummary> {
  const rng = new Rng(seed);
  const ids = new TimedIds(rng);
  const members = (await unitMembersForDemo(db, MAX_MEMBERS)).filter((m) => !m.report_id);
  if (!members.length) return { reported: 0, assigned: 0, onPost: 0, communities: 0 };

  // the village (village-level region) of each member's home, from the codes of the home path
  const codes = [...new Set(members.flatMap((m) => codesOfPath(m.home_path)))];
  const villages = new Map<string, RegionRow>();
  for (let i = 0; i < codes.length; i += 500)
    for (const r of await findRegionsByCodes(db, codes.slice(i, i + 500)))
      if (r.level === 'village') villages.set(r.code, r);
  const villageOf = (path: string) =>
    codesOfPath(path)
      .map((c) => villages.get(c))
      .find((r) => r !== undefined);

  const linked = await linkedRegionIds(db);
  const links: Insertable<PartyReportingLinkTable>[] = [];
  const reports: Insertable<PartyReportTable>[] = [];
  const history: Insertable<PartyReportHistoryTable>[] = [];
  let assigned = 0;
  let onPost = 0;
  for (const m of members) {
    const village = villageOf(m.home_path);
    if (!village || !rng.chance(0.7)) continue;
    const atMs = FROM_MS + Math.floor(rng.next() * SPAN_MS);
    const at = new Date(atMs).toISOString();
    if (!linked.has(village.id)) {
      linked.add(village.id);
      links.push({
        id: ids.at(FROM_MS - 86_400_000),
        region_id: village.id,
        region_path: village.path,
        // unguessable like a real one: the demo's determinism does not extend to secrets
        slug: randomBytes(16).toString('base64url'),
        created_by: null,
        created_at: new Date(FROM_MS - 86_400_000).toISOString(),
      });
    }
    const source = rng.chance(0.8) ? 'self' : 'cadre';
    const post = rng.chance(0.85) ? POSTS.pick(rng) : null;
    const arrived = post !== null && rng.chance(0.7);
    if (post) assigned++;
    if (arrived) onPost++;
    const id = ids.at(atMs);
    reports.push({
      id,
      member_id: m.member_id,
      person_id: m.person_id,
      region_id: village.id,
      region_path: village.path,
      source,
      post,
      post_note: null,
      site_id: null,
      shift_assignment_id: null,
      on_post_at: arrived ? new Date(atMs + rng.int(2, 30) * 3_600_000).toISOString() : null,
      reported_at: at,
      created_by: null,
      updated_at: at,
    });
    history.push({
      id: ids.at(atMs),
      report_id: id,
      member_id: m.member_id,
      action: 'reported',
      region_id: village.id,
      region_path: village.path,
      from_region_path: null,
      source,
      actor_id: null,
      at,
    });
  }
  await db.transaction().execute((trx) => insertReportingRows(bulkTarget(db, trx), { links, reports, history }));
  return { reported: reports.length, assigned, onPost, communities: links.length };
}
