import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import { addDays, startOfLocalDay } from '../../clock';
import type { PartyFigures, PartyFiguresRow } from '../../../shared/party';
import { personsOnDutyBetween } from '../checkpoints';
import { listTownshipsOverlapping } from '../regions';
import { activeMembershipsOf, countMembersByRegionPath } from './members.repository';
import { countOrganisationsByRegionPath } from './organisations.repository';

/** The row of the county's own units (县直单位: bureaus, schools, the hospital, companies). */
const COUNTY_UNITS = '县直单位';

const emptyRow = (regionPath: string, regionId: string | null, name: string): PartyFiguresRow => ({
  regionPath,
  regionId,
  name,
  organisations: 0,
  branches: 0,
  fullMembers: 0,
  probationaryMembers: 0,
  membersOnDuty: 0,
});

/**
 * The party's figures per township of the jurisdiction for a local day (in `timeZone`, the
 * county's): organisations and 党支部, 正式 and 预备 members (counted where their organisation is),
 * and members at the front line — party members on a checkpoint duty roster that day
 * (党员先锋岗: "哪里有困难，哪里就有共产党员"), counted where they stand duty, each person once per
 * township and once in the total. Townships with nothing show zeros; the county's own units
 * (organisations at the county level) get a row of their own keyed by the county's path.
 */
export async function partyFigures(
  db: Db,
  scope: Scope,
  { day, timeZone = 'Asia/Shanghai' }: { day: string; timeZone?: string },
): Promise<PartyFigures> {
  const [townships, organisations, members, duty] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    countOrganisationsByRegionPath(db, scope),
    countMembersByRegionPath(db, scope),
    personsOnDutyBetween(
      db,
      scope,
      startOfLocalDay(day, timeZone).toISOString(),
      startOfLocalDay(addDays(day, 1), timeZone).toISOString(),
    ),
  ]);
  const rows = new Map(townships.map((t) => [t.path, emptyRow(t.path, t.id, t.name)]));
  const rowOf = (path: string) => {
    const key = townships.find((t) => path.startsWith(t.path))?.path ?? path;
    return rows.get(key) ?? rows.set(key, emptyRow(key, null, COUNTY_UNITS)).get(key)!;
  };
  const total = emptyRow(scope.prefix, null, '');
  for (const o of organisations) {
    const n = Number(o.n);
    for (const row of [rowOf(o.region_path), total]) {
      row.organisations += n;
      if (o.kind === 'branch') row.branches += n;
    }
  }
  for (const m of members) {
    const n = Number(m.n);
    for (const row of [rowOf(m.region_path), total]) {
      if (m.category === 'full') row.fullMembers += n;
      else row.probationaryMembers += n;
    }
  }
  const onDuty = new Set(
    (await activeMembershipsOf(db, [...new Set(duty.map((d) => d.person_id!))])).map((m) => m.person_id),
  );
  const counted = new Set<string>();
  for (const d of duty) {
    if (!onDuty.has(d.person_id!)) continue;
    const row = rowOf(d.region_path);
    const key = `${row.regionPath}|${d.person_id}`;
    if (counted.has(key)) continue;
    counted.add(key);
    row.membersOnDuty++;
  }
  total.membersOnDuty = new Set(duty.filter((d) => onDuty.has(d.person_id!)).map((d) => d.person_id)).size;
  return { day, rows: [...rows.values()], total };
}
