import type { Db } from '../../db/database';
import { pathInScope, type Scope } from '../../access/scope';
import { localDay } from '../../clock';
import { SKILLS, skillsOf, type Skill, type VolunteerFigures } from '../../../shared/volunteers';
import { listTownshipsOverlapping } from '../regions';
import { countGroupsByPlace, countVolunteersByPlace } from './figures.repository';
import { activeVolunteerPersonsWithSkill } from './volunteers.repository';

/**
 * The volunteers' figures per township of the jurisdiction, as they stand now (the organisation
 * department's page, the big screen's tile and the daily report read them): registered (every
 * volunteer who has not left), active, pending approval, groups (forming and active) and active
 * groups, and active volunteers per skill. Townships with none are listed with zeros; rows are in
 * path order, keyed by the township's region path.
 */
export async function volunteerFigures(db: Db, scope: Scope): Promise<VolunteerFigures[]> {
  const townships = (await listTownshipsOverlapping(db, scope.prefix)).filter(
    (t) => pathInScope(t.path, scope) || pathInScope(scope.prefix, { prefix: t.path }),
  );
  const out = new Map<string, VolunteerFigures>(
    townships.map((t) => [
      t.path,
      {
        townshipPath: t.path,
        townshipName: t.name,
        registered: 0,
        active: 0,
        pending: 0,
        groups: 0,
        activeGroups: 0,
        bySkill: Object.fromEntries(SKILLS.map((s) => [s, 0])) as Record<Skill, number>,
      },
    ]),
  );
  const townshipOf = (path: string) => townships.find((t) => path.startsWith(t.path))?.path;
  for (const r of await countVolunteersByPlace(db, scope)) {
    const f = out.get(townshipOf(r.region_path) ?? '');
    if (!f || r.status === 'left') continue;
    f.registered += r.n;
    if (r.status === 'pending') f.pending += r.n;
    if (r.status === 'active') {
      f.active += r.n;
      for (const s of skillsOf(r.skills)) f.bySkill[s] += r.n;
    }
  }
  for (const r of await countGroupsByPlace(db, scope)) {
    const f = out.get(townshipOf(r.region_path) ?? '');
    if (!f) continue;
    f.groups += r.n;
    if (r.status === 'active') f.activeGroups += r.n;
  }
  return [...out.values()];
}

/** The local weekday (1 = Monday … 7 = Sunday) and 'HH:MM' of an instant in the county's zone. */
export function localWeekdayTime(at: Date, timeZone: string): { weekday: number; time: string } {
  const day = localDay(at, timeZone);
  const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { weekday, time };
}

/**
 * Person ids of the active volunteers with a skill in a subtree (a region path within the scope),
 * and — when `at` is given — available then by their weekly availability read in the county's zone
 * (`timeZone`, QUNFANG_TZ). For call-out targeting: "everyone with skill X in township Y".
 */
export async function volunteersWithSkill(
  db: Db,
  scope: Scope,
  opts: { skill: Skill; regionPath: string; at?: Date; timeZone?: string },
): Promise<string[]> {
  const when = opts.at ? localWeekdayTime(opts.at, opts.timeZone ?? 'Asia/Shanghai') : undefined;
  return activeVolunteerPersonsWithSkill(db, scope, { skill: opts.skill, regionPath: opts.regionPath, ...when });
}
