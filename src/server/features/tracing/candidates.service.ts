import type { Db } from '../../db/database';
import { pathInScope, type Scope } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { Candidate, JourneyEvent, OccupantRef } from '../../../shared/tracing';
import {
  householdMemberIds,
  isolationStaysOf,
  type OccupantRow,
  occupantsOfPassages,
  passagesOfPerson,
  passagesOfPlatesNear,
  personsWithRegion,
  presentAtVisits,
  roomMatesOf,
  roomStaysOf,
  screeningVisitsOf,
  travellersOfPassages,
} from './candidates.repository';
import { type CaseRow, casesOfPersons } from './cases.repository';
import { contactDecisionsOf, personsIsolatedNow } from './contacts.repository';

/** The codes' simplified-Chinese words, for the journey's `detail` (the web words `facts` itself). */
const VISIT_OUTCOME_ZH: Record<string, string> = {
  no_risk: '无风险',
  key_person: '重点人员',
  refer: '转诊发热门诊',
  not_home: '不在家需回访',
};
const EPISODE_STATUS_ZH: Record<string, string> = {
  active: '观察中',
  completed: '期满解除',
  hospital: '转入医院',
  lost: '失访',
  ended_early: '提前解除',
};
const CLASSIFICATION_ZH: Record<string, string> = {
  suspected: '疑似病例',
  confirmed: '确诊病例',
  asymptomatic: '无症状感染者',
  excluded: '已排除',
};

type Reason = Candidate['reasons'][number];

/** The window in which a case's exposures count: `days` before onset (or the report) to the end of the report day. */
function exposureWindow(c: Pick<CaseRow, 'onset_date' | 'report_date'>, days: number): { from: string; to: string } {
  const anchor = Date.parse(`${c.onset_date ?? c.report_date}T00:00:00+08:00`);
  return {
    from: new Date(anchor - days * 86_400_000).toISOString(),
    to: new Date(Date.parse(`${c.report_date}T00:00:00+08:00`) + 86_400_000).toISOString(),
  };
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
export async function contactCandidates(
  db: Db,
  scope: Scope,
  c: CaseRow,
  opts: { days: number; hours: number },
): Promise<{ items: Candidate[]; outsideScope: number }> {
  const reasons = new Map<string, Reason[]>();
  const add = (personId: string | null, r: Reason) => {
    if (!personId || personId === c.person_id) return;
    const list = reasons.get(personId);
    if (!list) reasons.set(personId, [r]);
    else if (!list.some((x) => x.sourceId === r.sourceId && x.type === r.type)) list.push(r);
  };
  // Occupants the registry does not know (a name, maybe a phone): one candidate per traveller, however many checkpoints they passed.
  const strangers = new Map<
    string,
    {
      name: string;
      id_number: string | null;
      phone: string | null;
      region_path: string;
      refs: OccupantRef[];
      reasons: Reason[];
    }
  >();
  const addOccupant = (o: OccupantRow, r: Reason) => {
    if (o.person_id) return add(o.person_id, r);
    const key = [o.name, o.phone ?? '', o.id_number ?? ''].join('|');
    let s = strangers.get(key);
    if (!s) {
      s = { name: o.name, id_number: o.id_number, phone: o.phone, region_path: o.region_path, refs: [], reasons: [] };
      strangers.set(key, s);
    }
    if (!s.refs.some((x) => x.passageId === o.passage_id && x.seq === o.seq))
      s.refs.push({ passageId: o.passage_id, seq: o.seq });
    if (!s.reasons.some((x) => x.sourceId === r.sourceId && x.type === r.type)) s.reasons.push(r);
  };
  const { from, to } = exposureWindow(c, opts.days);

  if (c.household_id) {
    const reason: Reason = {
      type: 'household',
      sourceType: 'household',
      sourceId: c.household_id,
      at: null,
      label: c.address ?? '同住',
    };
    for (const m of await householdMemberIds(db, c.household_id)) add(m, reason);
  }

  const trips = await passagesOfPerson(db, c.person_id, from, to);
  if (trips.length) {
    const co = await occupantsOfPassages(
      db,
      trips.map((t) => t.id),
    );
    const tripById = new Map(trips.map((t) => [t.id, t]));
    for (const o of co) {
      const t = tripById.get(o.passage_id)!;
      addOccupant(o, { type: 'co_passenger', sourceType: 'passage', sourceId: t.id, at: t.at, label: label(t) });
    }
    // The same plates at other checkpoints within ± hours, then their occupants.
    const others = await passagesOfPlatesNear(db, trips, opts.hours * 3600_000);
    if (others.length) {
      const occ = await occupantsOfPassages(
        db,
        others.map((x) => x.id),
      );
      const byId = new Map(others.map((x) => [x.id, x]));
      for (const o of occ) {
        const p = byId.get(o.passage_id)!;
        addOccupant(o, { type: 'same_vehicle', sourceType: 'passage', sourceId: p.id, at: p.at, label: label(p) });
      }
    }
  }

  const stays = await roomStaysOf(db, c.person_id);
  for (const stay of stays) {
    const end = stay.ended_at ? stay.ended_at.slice(0, 10) : stay.planned_end_day;
    const mates = await roomMatesOf(db, stay.room_id!, stay.start_day, end);
    for (const m of mates)
      add(m.person_id, {
        type: 'same_room',
        sourceType: 'isolation_room',
        sourceId: stay.room_id!,
        at: null,
        label: `${stay.name} ${stay.label} 房间`,
      });
  }

  if (c.household_id) {
    const visits = await screeningVisitsOf(db, c.household_id, from, to);
    if (visits.length) {
      const present = await presentAtVisits(
        db,
        visits.map((v) => v.id),
      );
      const byVisit = new Map(visits.map((v) => [v.id, v]));
      for (const p of present)
        add(p.person_id, {
          type: 'screening_visit',
          sourceType: 'screening_visit',
          sourceId: p.visit_id,
          at: byVisit.get(p.visit_id)!.visited_at,
          label: '入户排查时在场',
        });
    }
  }

  const ids = [...reasons.keys()];
  const people = await personsWithRegion(db, ids);
  const visible = people.filter((p) => pathInScope(p.region_path, scope));
  const visibleIds = visible.map((p) => p.id);
  const [decisions, isolatedSet, cases] = await Promise.all([
    contactDecisionsOf(db, c.id, visibleIds),
    personsIsolatedNow(db, visibleIds),
    casesOfPersons(db, visibleIds),
  ]);
  const decisionOf = new Map(decisions.map((d) => [d.person_id, d.decision]));
  const caseSet = new Set(cases.map((r) => r.person_id));
  const rank: Record<string, number> = {
    household: 0,
    co_passenger: 1,
    same_room: 2,
    same_vehicle: 3,
    screening_visit: 4,
    other: 5,
  };
  const unregistered = [...strangers.values()];
  const seen = unregistered.filter((s) => pathInScope(s.region_path, scope));
  const items: Candidate[] = visible.map((p) => ({
    personId: p.id,
    occupants: [],
    name: p.name,
    idNumber: maskIdNumber(p.id_number),
    phone: maskPhone(p.phone),
    regionName: p.region_name ?? null,
    reasons: reasons.get(p.id)!.sort((a, b) => rank[a.type]! - rank[b.type]!),
    decision: decisionOf.get(p.id) ?? null,
    isolated: isolatedSet.has(p.id),
    isCase: caseSet.has(p.id),
  }));
  for (const s of seen) {
    items.push({
      personId: null,
      occupants: s.refs,
      name: s.name,
      idNumber: maskIdNumber(s.id_number),
      phone: maskPhone(s.phone),
      regionName: null,
      reasons: s.reasons.sort((a, b) => rank[a.type]! - rank[b.type]!),
      decision: null,
      isolated: false,
      isCase: false,
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
    const co = await travellersOfPassages(
      db,
      trips.map((t) => t.id),
    );
    for (const t of trips) {
      events.push({
        at: t.at,
        type: 'passage',
        place: t.site_name,
        detail: [
          t.plate ?? '步行',
          t.direction === 'in' ? '进' : '出',
          t.origin && `自 ${t.origin}`,
          t.destination && `往 ${t.destination}`,
        ]
          .filter(Boolean)
          .join(' '),
        facts: { plate: t.plate, direction: t.direction, origin: t.origin, destination: t.destination },
        sourceId: t.id,
        coTravellers: co
          .filter((o) => o.passage_id === t.id && o.person_id !== c.person_id)
          .map((o) => ({ personId: o.person_id, name: o.name })),
      });
    }
  }
  if (c.household_id) {
    const visits = await screeningVisitsOf(db, c.household_id, from);
    for (const v of visits)
      events.push({
        at: v.visited_at,
        type: 'screening_visit',
        place: c.address ?? '',
        detail: `入户排查：${VISIT_OUTCOME_ZH[v.outcome] ?? v.outcome}`,
        facts: { outcome: v.outcome },
        sourceId: v.id,
        coTravellers: [],
      });
  }
  const stays = await isolationStaysOf(db, c.person_id);
  for (const s of stays) {
    events.push({
      at: s.created_at,
      type: 'isolation',
      place: s.site_name ? `${s.site_name} ${s.label ?? ''}` : s.kind === 'home' ? '居家' : '医院',
      detail: `隔离观察 ${s.start_day} 至 ${s.planned_end_day}（${EPISODE_STATUS_ZH[s.status] ?? s.status}）`,
      facts: { startDay: s.start_day, plannedEndDay: s.planned_end_day, status: s.status },
      sourceId: s.id,
      coTravellers: [],
    });
  }
  events.push({
    at:
      `${c.report_date}T00:00:00.000Z` < to
        ? new Date(Date.parse(`${c.report_date}T00:00:00+08:00`)).toISOString()
        : to,
    type: 'case',
    place: c.treated_at ?? '',
    detail: `报告为${CLASSIFICATION_ZH[c.classification] ?? c.classification}${c.onset_date ? `，发病 ${c.onset_date}` : ''}`,
    facts: {},
    sourceId: c.id,
    coTravellers: [],
  });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
