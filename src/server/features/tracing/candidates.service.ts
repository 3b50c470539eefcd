import type { Db } from '../../db/database';
import { pathInScope, type Scope } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { Candidate, JourneyEvent, OccupantRef } from '../../../shared/tracing';
import type { CaseRow } from './cases.service';

type Reason = Candidate['reasons'][number];
const OCCUPANT_COLUMNS = ['passage_id', 'seq', 'person_id', 'name', 'id_number', 'phone', 'region_path'] as const;
type OccupantRow = { passage_id: string; seq: number; person_id: string | null; name: string; id_number: string | null; phone: string | null; region_path: string };

/** The window in which a case's exposures count: `days` before onset (or the report) to the end of the report day. */
export function exposureWindow(c: Pick<CaseRow, 'onset_date' | 'report_date'>, days: number): { from: string; to: string } {
  const anchor = Date.parse(`${c.onset_date ?? c.report_date}T00:00:00+08:00`);
  return { from: new Date(anchor - days * 86_400_000).toISOString(), to: new Date(Date.parse(`${c.report_date}T00:00:00+08:00`) + 86_400_000).toISOString() };
}

/** The case person's passages in a window, newest last, with the site's name. */
export async function passagesOfPerson(db: Db, personId: string, from: string, to: string) {
  return db.selectFrom('passage_occupants as o')
    .innerJoin('passages as p', 'p.id', 'o.passage_id')
    .innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.at', 'p.plate', 'p.direction', 'p.site_id', 'p.region_path', 's.name as site_name', 'p.origin', 'p.destination'])
    .where('o.person_id', '=', personId).where('p.at', '>=', from).where('p.at', '<', to)
    .orderBy('p.at').limit(200).execute();
}

function label(p: { plate: string | null; site_name: string; at: string }): string {
  const local = new Date(Date.parse(p.at) + 8 * 3600_000).toISOString();
  return `${p.plate ?? '步行'} · ${p.site_name} · ${local.slice(5, 10)} ${local.slice(11, 16)}`;
}

/**
 * Contact candidates of a case, computed from what Qunfang already holds, each with why and the
 * record that shows it: the household's members; everyone in the same vehicle at each of the
 * case's checkpoint passages within `days` before onset — registered or not: someone a checkpoint
 * recorded by name only is a candidate without a person, to be registered in one click; people in the same plate at other
 * checkpoints within ± `hours`; those in the same centralised-isolation room while the case was;
 * and those found present with the case at a screening visit. Candidates outside the tracer's
 * jurisdiction are counted, not shown (the level above sees them).
 *
 * Every step is an index lookup from the case outwards (persons by household; occupants by
 * person, then by passage; passages by plate and time; episodes by room), so the cost follows the
 * case's own history, not the size of the county.
 */
export async function contactCandidates(db: Db, scope: Scope, c: CaseRow, opts: { days: number; hours: number }): Promise<{ items: Candidate[]; outsideScope: number }> {
  const reasons = new Map<string, Reason[]>();
  const add = (personId: string | null, r: Reason) => {
    if (!personId || personId === c.person_id) return;
    const list = reasons.get(personId);
    if (!list) reasons.set(personId, [r]);
    else if (!list.some((x) => x.sourceId === r.sourceId && x.type === r.type)) list.push(r);
  };
  // Occupants the registry does not know (a name, maybe a phone): one candidate per traveller, however many checkpoints they passed.
  const strangers = new Map<string, { name: string; id_number: string | null; phone: string | null; region_path: string; refs: OccupantRef[]; reasons: Reason[] }>();
  const addOccupant = (o: OccupantRow, r: Reason) => {
    if (o.person_id) return add(o.person_id, r);
    const key = [o.name, o.phone ?? '', o.id_number ?? ''].join('|');
    let s = strangers.get(key);
    if (!s) strangers.set(key, (s = { name: o.name, id_number: o.id_number, phone: o.phone, region_path: o.region_path, refs: [], reasons: [] }));
    if (!s.refs.some((x) => x.passageId === o.passage_id && x.seq === o.seq)) s.refs.push({ passageId: o.passage_id, seq: o.seq });
    if (!s.reasons.some((x) => x.sourceId === r.sourceId && x.type === r.type)) s.reasons.push(r);
  };
  const { from, to } = exposureWindow(c, opts.days);

  if (c.household_id) {
    const members = await db.selectFrom('persons').select('id').where('household_id', '=', c.household_id).where('status', '=', 'active').execute();
    for (const m of members) add(m.id, { type: 'household', sourceType: 'household', sourceId: c.household_id, at: null, label: c.address ?? '同住' });
  }

  const trips = await passagesOfPerson(db, c.person_id, from, to);
  if (trips.length) {
    const co = await db.selectFrom('passage_occupants').select(OCCUPANT_COLUMNS).where('passage_id', 'in', trips.map((t) => t.id)).execute();
    const tripById = new Map(trips.map((t) => [t.id, t]));
    for (const o of co) {
      const t = tripById.get(o.passage_id)!;
      addOccupant(o, { type: 'co_passenger', sourceType: 'passage', sourceId: t.id, at: t.at, label: label(t) });
    }
    // The same plates at other checkpoints within ± hours: one query for every trip (an OR of
    // plate-and-time ranges, each answered by the (plate, at) index), then their occupants.
    const windowMs = opts.hours * 3600_000;
    const withPlate = trips.filter((x) => x.plate);
    if (withPlate.length) {
      const others = await db.selectFrom('passages as p').innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
        .select(['p.id', 'p.at', 'p.plate', 's.name as site_name'])
        .where((eb) => eb.or(withPlate.map((t) => eb.and([
          eb('p.plate', '=', t.plate),
          eb('p.at', '>=', new Date(Date.parse(t.at) - windowMs).toISOString()),
          eb('p.at', '<=', new Date(Date.parse(t.at) + windowMs).toISOString()),
        ]))))
        .where('p.id', 'not in', trips.map((x) => x.id)).execute();
      if (others.length) {
        const occ = await db.selectFrom('passage_occupants').select(OCCUPANT_COLUMNS).where('passage_id', 'in', others.map((x) => x.id)).execute();
        const byId = new Map(others.map((x) => [x.id, x]));
        for (const o of occ) {
          const p = byId.get(o.passage_id)!;
          addOccupant(o, { type: 'same_vehicle', sourceType: 'passage', sourceId: p.id, at: p.at, label: label(p) });
        }
      }
    }
  }

  const stays = await db.selectFrom('isolation_episodes as e').innerJoin('isolation_rooms as r', 'r.id', 'e.room_id').innerJoin('isolation_sites as s', 's.id', 'e.site_id')
    .select(['e.room_id', 'e.start_day', 'e.planned_end_day', 'e.ended_at', 'r.label', 's.name']).where('e.person_id', '=', c.person_id).where('e.room_id', 'is not', null).execute();
  for (const stay of stays) {
    const end = stay.ended_at ? stay.ended_at.slice(0, 10) : stay.planned_end_day;
    const mates = await db.selectFrom('isolation_episodes').select(['id', 'person_id', 'start_day']).where('room_id', '=', stay.room_id)
      .where('start_day', '<=', end).where('planned_end_day', '>=', stay.start_day).execute();
    for (const m of mates) add(m.person_id, { type: 'same_room', sourceType: 'isolation_room', sourceId: stay.room_id!, at: null, label: `${stay.name} ${stay.label} 房间` });
  }

  if (c.household_id) {
    const visits = await db.selectFrom('screening_visits').select(['id', 'visited_at']).where('household_id', '=', c.household_id)
      .where('visited_at', '>=', from).where('visited_at', '<', to).execute();
    if (visits.length) {
      const present = await db.selectFrom('screening_checks').select(['visit_id', 'person_id']).where('visit_id', 'in', visits.map((v) => v.id)).where('present', '=', 1).execute();
      const byVisit = new Map(visits.map((v) => [v.id, v]));
      for (const p of present) add(p.person_id, { type: 'screening_visit', sourceType: 'screening_visit', sourceId: p.visit_id, at: byVisit.get(p.visit_id)!.visited_at, label: '入户排查时在场' });
    }
  }

  const ids = [...reasons.keys()];
  const people = [];
  for (let i = 0; i < ids.length; i += 500) {
    people.push(...await db.selectFrom('persons').leftJoin('regions', 'regions.id', 'persons.region_id')
      .select(['persons.id', 'persons.name', 'persons.id_number', 'persons.phone', 'persons.region_path', 'regions.name as region_name'])
      .where('persons.id', 'in', ids.slice(i, i + 500)).execute());
  }
  const visible = people.filter((p) => pathInScope(p.region_path, scope));
  const visibleIds = visible.map((p) => p.id);
  const [decisions, isolated, cases] = visibleIds.length === 0 ? [[], [], []] : await Promise.all([
    db.selectFrom('contacts').select(['person_id', 'decision']).where('case_id', '=', c.id).where('person_id', 'in', visibleIds).execute(),
    db.selectFrom('isolation_episodes').select('person_id').where('person_id', 'in', visibleIds).where('status', '=', 'active').execute(),
    db.selectFrom('cases').select('person_id').where('person_id', 'in', visibleIds).execute(),
  ]);
  const decisionOf = new Map(decisions.map((d) => [d.person_id, d.decision]));
  const isolatedSet = new Set(isolated.map((r) => r.person_id));
  const caseSet = new Set(cases.map((r) => r.person_id));
  const rank: Record<string, number> = { household: 0, co_passenger: 1, same_room: 2, same_vehicle: 3, screening_visit: 4, other: 5 };
  const unregistered = [...strangers.values()];
  const seen = unregistered.filter((s) => pathInScope(s.region_path, scope));
  const items: Candidate[] = visible.map((p) => ({
    personId: p.id, occupants: [], name: p.name, idNumber: maskIdNumber(p.id_number), phone: maskPhone(p.phone), regionName: p.region_name ?? null,
    reasons: reasons.get(p.id)!.sort((a, b) => rank[a.type]! - rank[b.type]!), decision: decisionOf.get(p.id) ?? null,
    isolated: isolatedSet.has(p.id), isCase: caseSet.has(p.id),
  }));
  for (const s of seen) {
    items.push({
      personId: null, occupants: s.refs, name: s.name, idNumber: maskIdNumber(s.id_number), phone: maskPhone(s.phone), regionName: null,
      reasons: s.reasons.sort((a, b) => rank[a.type]! - rank[b.type]!), decision: null, isolated: false, isCase: false,
    });
  }
  items.sort((a, b) => rank[a.reasons[0]!.type]! - rank[b.reasons[0]!.type]! || a.name.localeCompare(b.name, 'zh-CN'));
  return { items, outsideScope: people.length - visible.length + unregistered.length - seen.length };
}

/** The case's journey (轨迹): passages with co-travellers, screening visits of the household, isolation stays, the case itself — oldest first. */
export async function journeyOf(db: Db, c: CaseRow, days: number): Promise<JourneyEvent[]> {
  const { from, to } = exposureWindow(c, days);
  const events: JourneyEvent[] = [];
  const trips = await passagesOfPerson(db, c.person_id, from, '9999');
  if (trips.length) {
    const co = await db.selectFrom('passage_occupants').select(['passage_id', 'person_id', 'name']).where('passage_id', 'in', trips.map((t) => t.id)).orderBy('seq').execute();
    for (const t of trips) {
      events.push({
        at: t.at, type: 'passage', place: t.site_name,
        detail: [t.plate ?? '步行', t.direction === 'in' ? '进' : '出', t.origin && `自 ${t.origin}`, t.destination && `往 ${t.destination}`].filter(Boolean).join(' '),
        sourceId: t.id, coTravellers: co.filter((o) => o.passage_id === t.id && o.person_id !== c.person_id).map((o) => ({ personId: o.person_id, name: o.name })),
      });
    }
  }
  if (c.household_id) {
    const visits = await db.selectFrom('screening_visits').select(['id', 'visited_at', 'outcome']).where('household_id', '=', c.household_id).where('visited_at', '>=', from).execute();
    for (const v of visits) events.push({ at: v.visited_at, type: 'screening_visit', place: c.address ?? '', detail: `入户排查：${v.outcome}`, sourceId: v.id, coTravellers: [] });
  }
  const stays = await db.selectFrom('isolation_episodes as e').leftJoin('isolation_sites as s', 's.id', 'e.site_id').leftJoin('isolation_rooms as r', 'r.id', 'e.room_id')
    .select(['e.id', 'e.kind', 'e.created_at', 'e.start_day', 'e.planned_end_day', 'e.status', 's.name as site_name', 'r.label']).where('e.person_id', '=', c.person_id).execute();
  for (const s of stays) {
    events.push({ at: s.created_at, type: 'isolation', place: s.site_name ? `${s.site_name} ${s.label ?? ''}` : s.kind === 'home' ? '居家' : '医院', detail: `隔离观察 ${s.start_day} 至 ${s.planned_end_day}（${s.status}）`, sourceId: s.id, coTravellers: [] });
  }
  events.push({ at: `${c.report_date}T00:00:00.000Z` < to ? new Date(Date.parse(`${c.report_date}T00:00:00+08:00`)).toISOString() : to, type: 'case', place: c.treated_at ?? '', detail: `报告为病例（${c.classification}）${c.onset_date ? `，发病 ${c.onset_date}` : ''}`, sourceId: c.id, coTravellers: [] });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
