import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { localDay } from '../clock';
import { bulkTarget } from '../db/bulk-writes';
import { unitMembersForDemo } from '../features/party';
import { insertPledges, insertPledgeUnits, type PledgeTable, type PledgeUnitTable } from '../features/pledges';
import { STANDARD_PLEDGE_TEXT } from '../../shared/pledges';
import { Rng, TimedIds } from './random';
import { signaturePng } from './signature-png';

/**
 * 请战书 in the demo county: the units with the most party members (the party demo's county bureaus,
 * hospitals and schools) each collect pledges — about 200 in all, signed between 23 and 28 January,
 * most from the unit's link on a phone, each with a drawn signature; a third of the signers already
 * on a 报到 post have the pledge recorded as turned into that post. With no members, nothing is written.
 */
export interface PledgesDemoSummary {
  units: number;
  pledges: number;
  assigned: number;
}

const UNITS = 8;
const PLEDGES = 200;
const FROM_MS = Date.parse('2020-01-23T00:00:00Z');
const SPAN_MS = 5 * 86_400_000;
/** A hospital's own wording, as units edit the standard text. */
const HOSPITAL_TEXT =
  '我志愿加入抗击新型冠状病毒感染的肺炎疫情一线队伍。服从安排，听从指挥，尊重科学，护佑生命，' +
  '不计报酬，不论生死，随时听候召唤，坚决完成任务。';

export async function buildPledgesDemo(
  db: Db,
  timeZone = 'Asia/Shanghai',
  seed = 20200123,
): Promise<PledgesDemoSummary> {
  const rng = new Rng(seed);
  const ids = new TimedIds(rng);
  const members = await unitMembersForDemo(db, 50_000);
  if (!members.length) return { units: 0, pledges: 0, assigned: 0 };

  const byUnit = new Map<string, typeof members>();
  for (const m of members) {
    const list = byUnit.get(m.unit_name);
    if (list) list.push(m);
    else byUnit.set(m.unit_name, [m]);
  }
  const biggest = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, UNITS);
  const created = new Date(FROM_MS - 86_400_000).toISOString();
  const units: Insertable<PledgeUnitTable>[] = biggest.map(([name, ms]) => ({
    id: ids.at(FROM_MS - 86_400_000),
    name,
    region_id: ms[0]!.unit_region_id,
    region_path: ms[0]!.unit_region_path,
    text: /医院|卫生/.test(name) ? HOSPITAL_TEXT : STANDARD_PLEDGE_TEXT,
    slug: randomBytes(16).toString('base64url'),
    created_by: null,
    created_at: created,
    updated_at: created,
  }));

  const total = biggest.reduce((s, [, ms]) => s + ms.length, 0);
  const pledges: Insertable<PledgeTable>[] = [];
  let assigned = 0;
  biggest.forEach(([, ms], u) => {
    const unit = units[u]!;
    const share = Math.max(1, Math.round((PLEDGES * ms.length) / total));
    for (const m of ms.slice(0, share)) {
      const atMs = FROM_MS + Math.floor(rng.next() * SPAN_MS);
      const turned = m.report_id !== null && m.report_post !== null && rng.chance(0.35);
      if (turned) assigned++;
      pledges.push({
        id: ids.at(atMs),
        serial: '',
        unit_id: unit.id,
        person_id: m.person_id,
        region_id: unit.region_id,
        region_path: unit.region_path,
        text: unit.text,
        signed_on: localDay(new Date(atMs), timeZone),
        signed_at: new Date(atMs).toISOString(),
        signature: signaturePng(300, 100, true, rng.int(1, 1000)),
        source: rng.chance(0.8) ? 'link' : 'cadre',
        created_by: null,
        assignment_kind: turned ? 'report_post' : null,
        assignment_ref: turned ? m.report_id : null,
        assignment_note: null,
        assigned_at: turned ? new Date(atMs + 3_600_000).toISOString() : null,
        assigned_by: null,
      });
    }
  });
  // serials in signing order, as they were handed out
  pledges.sort((a, b) => a.signed_at.localeCompare(b.signed_at));
  pledges.forEach((p, i) => {
    p.serial = `QZ-2020-${String(i + 1).padStart(6, '0')}`;
  });
  await db.transaction().execute(async (trx) => {
    const to = bulkTarget(db, trx);
    await insertPledgeUnits(to, units);
    await insertPledges(to, pledges);
  });
  return { units: units.length, pledges: pledges.length, assigned };
}
