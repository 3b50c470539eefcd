import type { Db } from '../../db/database';
import { addDays, startOfLocalDay } from '../../clock';
import type { Scope } from '../../access/scope';
import type { VolunteerServiceFiguresRow } from '../../../shared/volunteer-tasks';
import { listTownshipsOverlapping } from '../regions';
import { serviceOfDay } from './hours.repository';
import { countTasksDone } from './tasks.repository';

/**
 * The volunteer service figures of a local day per township of the jurisdiction, keyed by the
 * township's region path: volunteers active (checked in that day, for a task or a checkpoint shift),
 * tasks done that day, and minutes approved of the hours begun that day. Townships with nothing show
 * zeros; rows outside any township (a county-level task) come under the key '—'.
 */
export async function volunteerServiceFigures(
  db: Db,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<VolunteerServiceFiguresRow[]> {
  const from = startOfLocalDay(opts.day, opts.timeZone).toISOString();
  const to = startOfLocalDay(addDays(opts.day, 1), opts.timeZone).toISOString();
  const townships = await listTownshipsOverlapping(db, scope.prefix);
  const rows = new Map<string, VolunteerServiceFiguresRow>(
    townships.map((t) => [
      t.path,
      { regionId: t.id, path: t.path, name: t.name, activeToday: 0, tasksDone: 0, approvedMinutes: 0 },
    ]),
  );
  const rowOf = (path: string) => {
    const key = townships.find((t) => path.startsWith(t.path))?.path ?? '—';
    let row = rows.get(key);
    if (!row) {
      row = { regionId: null, path: key, name: '—', activeToday: 0, tasksDone: 0, approvedMinutes: 0 };
      rows.set(key, row);
    }
    return row;
  };
  const active = new Map<string, Set<string>>();
  for (const s of await serviceOfDay(db, scope, from, to)) {
    const row = rowOf(s.region_path);
    const seen = active.get(row.path) ?? new Set<string>();
    seen.add(s.person_id);
    active.set(row.path, seen);
    if (s.status === 'approved') row.approvedMinutes += Number(s.minutes ?? 0);
  }
  for (const [path, persons] of active) rows.get(path)!.activeToday = persons.size;
  for (const t of await countTasksDone(db, scope, from, to)) rowOf(t.region_path).tasksDone += Number(t.n);
  return [...rows.values()];
}
