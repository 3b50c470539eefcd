import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { FEVER_CELSIUS, SYMPTOM_ZH, type PersonCheck, type Visit, type VisitInput } from '../../../shared/screening';
import type { PersonTag } from '../../../shared/residents';
import { audit } from '../audit';
import { raiseAlerts, type AlertInput } from '../alerts';
import { getHouseholdInScope, setTags } from '../residents';
import { getRound } from './rounds.service';
import {
  countVisitInHouseholdStatus,
  findVisit,
  insertVisit,
  listChecksOfVisits,
  listHouseholdMembers,
  listVisitsOfHousehold,
} from './visits.repository';

/** A fever is a temperature of 37.3 °C or more, or fever reported as a symptom. */
export function isFever(check: { temperature?: number | null; symptoms?: readonly string[] }): boolean {
  return (check.temperature ?? 0) >= FEVER_CELSIUS || (check.symptoms ?? []).includes('fever');
}

/** Has this check a temperature taken? */
const measured = (c: PersonCheck) => c.temperature !== undefined && c.temperature !== null;

/** What is stored of a missing temperature: the reason and the note, for a person present and not measured only. */
function missingTemperature(c: PersonCheck) {
  if (!c.present || measured(c)) return { temperature_missing: null, temperature_note: null };
  return { temperature_missing: c.temperatureMissing ?? null, temperature_note: c.temperatureNote ?? null };
}

/**
 * Each person present has a temperature, or an explicit reason there is none (拒测 / 未测量) with a
 * note saying what happened; and a visit is 无风险 only when everyone present was measured — three
 * people at home and no thermometer reading is not "no risk", it is a revisit or a key household.
 */
function checkTemperatures(input: VisitInput) {
  for (const [i, c] of input.checks.entries()) {
    if (!c.present || measured(c)) continue;
    if (!c.temperatureMissing)
      throw new AppError('TEMPERATURE_OR_REASON', { field: ['checks', String(i), 'temperature'] });
    if (!c.temperatureNote)
      throw new AppError('TEMPERATURE_NOTE_REQUIRED', { field: ['checks', String(i), 'temperatureNote'] });
  }
  const unmeasured = input.checks.findIndex((c) => c.present && !measured(c));
  if (input.outcome === 'no_risk' && unmeasured >= 0)
    throw new AppError('NO_RISK_NEEDS_TEMPERATURES', { field: ['checks', String(unmeasured), 'temperature'] });
}

/**
 * 无风险 is a judgement about a whole household (逐人造册): it needs someone seen at the door and
 * every registered member recorded, at home (and measured) or away. A visit that lists only some of
 * them, or nobody at home, is not "no risk" — it is a revisit (不在家需回访) or a key household.
 */
function checkEveryoneAccounted(input: VisitInput, members: { id: string; name: string }[]) {
  if (input.outcome !== 'no_risk' || members.length === 0) return;
  const recorded = new Set(input.checks.map((c) => c.personId));
  const missing = members.filter((m) => !recorded.has(m.id));
  if (missing.length)
    throw new AppError('NO_RISK_NEEDS_EVERYONE', {
      field: ['checks'],
      missing: missing.map((m) => ({ personId: m.id, name: m.name })),
    });
  if (!input.checks.some((c) => c.present)) throw new AppError('NO_RISK_NOBODY_SEEN', { field: ['outcome'] });
}

/**
 * Record a visit to a household in a screening round. Each person checked gets their temperature
 * (or the reason there is none), symptoms and 14-day history; a fever, Hubei travel or contact history flags the person as a key
 * person and raises an alert for the command centre at once; a referral raises one too. The
 * household's status in the round becomes "visited", or "not home" awaiting a revisit. A visit id
 * made by the client makes a retried send store once.
 */
export async function recordVisit(db: Db, clock: Clock, actor: Actor, input: VisitInput): Promise<string> {
  const scope = scopeOf(actor);
  if (input.id) {
    const existing = await findVisit(db, input.id);
    if (existing) {
      if (!pathInScope(existing.region_path, scope)) throw new AppError('NOT_FOUND');
      return existing.id;
    }
  }
  const round = await getRound(db, scope, input.roundId);
  if (round.status !== 'open')
    throw new AppError('VALIDATION', { issues: [{ path: ['roundId'], message: 'this screening round is closed' }] });
  const household = await getHouseholdInScope(db, scope, input.householdId);
  if (!round.regions.some((r) => household.region_path.startsWith(r.path))) {
    throw new AppError('VALIDATION', {
      issues: [{ path: ['householdId'], message: 'this household is not in the round’s regions' }],
    });
  }
  if (input.outcome === 'not_home' && input.checks.some((c) => c.present)) {
    throw new AppError('VALIDATION', {
      issues: [{ path: ['outcome'], message: 'nobody can be present when nobody was home' }],
    });
  }
  // the field screen never offers 无风险 once a check found something; the API holds the same line
  if (
    input.outcome === 'no_risk' &&
    input.checks.some((c) => c.present && (isFever(c) || c.hubeiTravel || c.contactHistory))
  ) {
    throw new AppError('VALIDATION', {
      issues: [
        {
          path: ['outcome'],
          message: 'a fever, Hubei travel or contact history is not 无风险: key person or refer to a fever clinic',
        },
      ],
    });
  }
  const members = await listHouseholdMembers(db, household.id);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const unknown = input.checks.findIndex((c) => !names.has(c.personId));
  if (unknown >= 0)
    throw new AppError('VALIDATION', {
      issues: [{ path: ['checks', String(unknown), 'personId'], message: 'not a member of this household' }],
    });
  checkTemperatures(input);
  checkEveryoneAccounted(input, members);

  const now = clock.now();
  const visitedAt = input.visitedAt ? new Date(input.visitedAt).toISOString() : now.toISOString();
  // a phone's clock may run a little fast; a visit hours ahead is a typing mistake
  if (Date.parse(visitedAt) > now.getTime() + 10 * 60_000) throw new AppError('VISIT_IN_FUTURE', { visitedAt });
  const id = input.id ?? uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    await insertVisit(
      trx,
      {
        id,
        round_id: round.id,
        household_id: household.id,
        region_id: household.region_id,
        region_path: household.region_path,
        visited_at: visitedAt,
        worker_id: actor.id,
        outcome: input.outcome,
        note: input.note ?? null,
        created_at: now.toISOString(),
      },
      input.checks.map((c) => ({
        visit_id: id,
        person_id: c.personId,
        region_path: household.region_path,
        present: c.present ? 1 : 0,
        temperature: c.temperature ?? null,
        symptoms: c.symptoms.length ? JSON.stringify(c.symptoms) : null,
        hubei_travel: c.hubeiTravel ? 1 : 0,
        contact_history: c.contactHistory ? 1 : 0,
        travel_note: c.travelNote ?? null,
        ...missingTemperature(c),
      })),
    );
    // The people with a fever or a history are the key persons. Only when the worker judges the
    // household key without any such finding are all members present flagged.
    const anyFinding = input.checks.some((c) => isFever(c) || c.hubeiTravel || c.contactHistory);
    const alerts: AlertInput[] = [];
    for (const c of input.checks) {
      const tags: PersonTag[] = [];
      if (isFever(c)) tags.push('fever');
      if (c.hubeiTravel) tags.push('hubei_travel');
      if (c.contactHistory) tags.push('contact_history');
      if (tags.length === 0 && (anyFinding || input.outcome !== 'key_person' || !c.present)) continue;
      tags.push('key_person');
      await setTags(trx, clock, c.personId, household.region_path, tags, 'screening', false);
      const why =
        [
          isFever(c) ? `发热 ${c.temperature ?? ''}℃`.trim() : null,
          c.hubeiTravel ? '湖北旅居史' : null,
          c.contactHistory ? '接触史' : null,
        ]
          .filter(Boolean)
          .join('、') || '入户排查标记';
      alerts.push({
        kind: isFever(c) ? 'fever' : 'key_person',
        personId: c.personId,
        regionPath: household.region_path,
        sourceType: 'screening_visit',
        sourceId: id,
        message: `重点人员：${names.get(c.personId)}（${why}），${household.address}`,
      });
    }
    if (input.outcome === 'refer') {
      // those with a fever or symptoms (else everyone present) get a referral record and one alert each
      const subjects = input.checks
        .filter((c) => c.present)
        .map((c) => ({
          personId: c.personId,
          personName: names.get(c.personId)!,
          flagged: isFever(c) || c.symptoms.length > 0,
          fever: isFever(c),
          reason:
            [
              isFever(c) ? `发热 ${c.temperature ?? ''}℃`.trim() : null,
              ...c.symptoms.filter((x) => x !== 'fever').map((x) => SYMPTOM_ZH[x]),
            ]
              .filter(Boolean)
              .join('、') || '入户排查转诊',
        }));
      alerts.push({
        kind: 'refer',
        personId: null,
        regionPath: household.region_path,
        sourceType: 'screening_visit',
        sourceId: id,
        message: `入户排查转诊发热门诊：${household.address}`,
        referral: { subjects, at: visitedAt, by: actor.id },
      });
    }
    await raiseAlerts(trx, clock, alerts);
    const status = input.outcome === 'not_home' ? 'not_home' : 'visited';
    await countVisitInHouseholdStatus(trx, {
      round_id: round.id,
      household_id: household.id,
      region_path: household.region_path,
      status,
      visits: 1,
      last_visit_at: visitedAt,
      worker_id: actor.id,
    });
    await audit(trx, clock, actor, {
      action: 'screening.visit',
      entityType: 'household',
      entityId: household.id,
      regionPath: household.region_path,
      details: { visitId: id, roundId: round.id, outcome: input.outcome },
    });
  });
  return id;
}

/** The visits to one household, newest first, with each person's check. */
export async function visitsOfHousehold(db: Db, actor: Actor, householdId: string): Promise<Visit[]> {
  const household = await getHouseholdInScope(db, scopeOf(actor), householdId);
  const visits = await listVisitsOfHousehold(db, household.id);
  if (visits.length === 0) return [];
  const checks = await listChecksOfVisits(
    db,
    visits.map((v) => v.id),
  );
  return visits.map((v) => {
    const own = checks
      .filter((c) => c.visit_id === v.id)
      .map((c) => {
        const symptoms = c.symptoms ? JSON.parse(c.symptoms) : [];
        return {
          personId: c.person_id,
          name: c.name ?? null,
          present: c.present === 1,
          temperature: c.temperature,
          temperatureMissing: c.temperature_missing,
          temperatureNote: c.temperature_note,
          symptoms,
          hubeiTravel: c.hubei_travel === 1,
          contactHistory: c.contact_history === 1,
          travelNote: c.travel_note,
          fever: isFever({ temperature: c.temperature, symptoms }),
        };
      });
    return {
      id: v.id,
      roundId: v.round_id,
      householdId: v.household_id,
      visitedAt: v.visited_at,
      workerId: v.worker_id,
      workerName: v.worker_name ?? null,
      outcome: v.outcome,
      note: v.note,
      checks: own,
      keyPersons: own.filter((c) => c.fever || c.hubeiTravel || c.contactHistory).map((c) => c.personId),
    };
  });
}
