import { type BulkTarget, bulkTarget } from '../../db/bulk-writes';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { GroupCommitter } from '../../db/group-commit';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { normalisePlate, PLATE_PATTERN, type OccupantInput, type PassageInput } from '../../../shared/checkpoints';
import { idCardProblem, MOBILE_PATTERN } from '../../../shared/validators';
import type { PersonTag } from '../../../shared/residents';
import { raiseAlerts, type AlertInput } from '../alerts';
import { addPersonTags, identifyPersons, type IdentityClaim, type IdentityPlace } from '../residents';
import { hasPassedSite, insertPassages, personsNamedAtBarrier, storedPassageIds } from './passages.repository';
import type { SiteRow } from './sites.repository';
import { getSite } from './sites.service';

/** A passage checked and ready to write, with its site. */
interface Checked {
  input: PassageInput;
  plate: string | null;
  site: SiteRow;
  actorId: string;
  at: string;
}

/**
 * Check a passage before it joins the write queue: the site is open and in the crew's
 * jurisdiction, the plate is a mainland plate (or none, for a pedestrian), every occupant has a
 * name or a known person, and ID numbers are well-formed (18 characters: the GB 11643 check;
 * anything else must look like a passport number). A mainland mobile number typed in the ID box is
 * refused (ID_NUMBER_IS_PHONE) rather than taken for a passport: it belongs in the phone field.
 */
export async function checkPassage(db: Db, clock: Clock, actor: Actor, input: PassageInput): Promise<Checked> {
  const site = await getSite(db, scopeOf(actor), input.siteId);
  if (site.status !== 'active') throw new AppError('SITE_CLOSED');
  let plate: string | null = null;
  if (input.plate) {
    plate = normalisePlate(input.plate);
    if (!PLATE_PATTERN.test(plate)) throw new AppError('PLATE_INVALID', { field: 'plate', plate });
  } else if (input.vehicleType !== 'none') {
    throw new AppError('VALIDATION', {
      issues: [{ path: ['plate'], message: 'a vehicle needs its plate; use vehicleType "none" for a pedestrian' }],
    });
  }
  input.occupants.forEach((o, i) => {
    if (!o.personId && !o.name)
      throw new AppError('VALIDATION', {
        issues: [{ path: ['occupants', String(i), 'name'], message: 'a name or a known person is required' }],
      });
    if (o.idNumber && MOBILE_PATTERN.test(o.idNumber))
      throw new AppError('ID_NUMBER_IS_PHONE', { field: ['occupants', String(i), 'idNumber'] });
    if (
      o.idNumber &&
      (o.idNumber.length === 18 ? idCardProblem(o.idNumber) : !/^[A-Z0-9]{5,20}$/.test(o.idNumber) && 'FORMAT')
    ) {
      throw new AppError('ID_NUMBER_INVALID', { field: ['occupants', String(i), 'idNumber'] });
    }
  });
  // "Same occupants as last time": a known person may be named by id only if they are in the
  // crew's jurisdiction or have passed this very checkpoint before.
  const scope = scopeOf(actor);
  for (const [i, o] of input.occupants.entries()) {
    if (!o.personId) continue;
    const [person] = await personsNamedAtBarrier(db, [o.personId]);
    const passedHere =
      person && !pathInScope(person.region_path, scope) ? await hasPassedSite(db, o.personId, site.id) : false;
    if (!person || (!pathInScope(person.region_path, scope) && !passedHere)) {
      throw new AppError('PERSON_NOT_FOUND', { field: ['occupants', String(i), 'personId'] });
    }
  }
  const now = clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError('VALIDATION', { issues: [{ path: ['at'], message: 'a passage cannot be in the future' }] });
  return { input, plate, site, actorId: actor.id, at: at.toISOString() };
}

/**
 * How a checkpoint registers someone new to the registry: where the checkpoint is, tagged as a
 * returnee when the ID number is from this county and they are coming in, else as non-local.
 */
function checkpointPlace(site: SiteRow, direction: PassageInput['direction']): IdentityPlace {
  const countyCode = site.region_path
    .split('/')
    .filter(Boolean)
    .find((c) => c.endsWith('000000'))
    ?.slice(0, 6);
  return {
    regionId: site.region_id,
    regionPath: site.region_path,
    note: `首次登记于卡口：${site.name}`,
    source: 'checkpoint',
    tagFor: (idNumber) =>
      countyCode !== undefined && idNumber.startsWith(countyCode) && direction === 'in' ? 'returnee' : 'non_local',
  };
}

/**
 * The passage writer: passages queue and are committed together (group commit), each with all
 * its occupants in the same transaction — a vehicle is never stored without its people. A passage
 * id seen before is acknowledged again without a second row. Occupants with an ID number or a
 * phone are linked to the registry by the residents' identity rules (identifyPersons: one lookup
 * a batch; someone new is registered where the checkpoint is); a fever or a referral raises an
 * alert for the command centre.
 */
export function passageWriter(db: Db, clock: Clock) {
  return new GroupCommitter<Checked, { id: string; duplicate: boolean }>((items) =>
    db.transaction().execute((trx) => writeBatch(bulkTarget(db, trx), clock, items)),
  );
}

async function writeBatch(to: BulkTarget, clock: Clock, items: Checked[]) {
  const db = to.db;
  const now = clock.now().toISOString();
  const existing = await storedPassageIds(
    db,
    items.map((i) => i.input.id),
  );
  const seen = new Set<string>();
  const fresh = items.filter((item) => {
    const duplicate = existing.has(item.input.id) || seen.has(item.input.id);
    seen.add(item.input.id);
    return !duplicate;
  });
  // Occupants named by ID number and/or phone are linked to the registry, for the whole batch at once.
  const claims: IdentityClaim[] = [];
  const claimOf = new Map<OccupantInput, number>();
  for (const { input, site } of fresh) {
    const place = checkpointPlace(site, input.direction);
    for (const o of input.occupants) {
      if (o.personId || (!o.idNumber && !o.phone)) continue;
      claimOf.set(o, claims.length);
      claims.push({ name: o.name!, idNumber: o.idNumber, phone: o.phone, place });
    }
  }
  const identified = claims.length ? await identifyPersons(db, clock, claims) : [];
  const personIds = [
    ...new Set(fresh.flatMap((i) => i.input.occupants.map((o) => o.personId).filter((x): x is string => !!x))),
  ];
  const byId = new Map((await personsNamedAtBarrier(db, personIds)).map((p) => [p.id, p]));
  const results: { id: string; duplicate: boolean }[] = [];
  const passages = [];
  const occupants = [];
  const tags: { person_id: string; tag: PersonTag; region_path: string; source: string; created_at: string }[] = [];
  // raised after the rows they point at exist
  const alerts: AlertInput[] = [];
  seen.clear();
  for (const item of items) {
    const { input, site } = item;
    if (existing.has(input.id) || seen.has(input.id)) {
      results.push({ id: input.id, duplicate: true });
      continue;
    }
    seen.add(input.id);
    let fevers = 0;
    for (const [seq, o] of input.occupants.entries()) {
      const claim = claimOf.get(o);
      const person = o.personId
        ? byId.get(o.personId)
        : claim !== undefined
          ? (identified[claim] ?? undefined)
          : undefined;
      if (o.personId && !person) throw new AppError('PERSON_NOT_FOUND', { occupant: seq });
      const fever = o.temperature >= FEVER_CELSIUS || o.symptoms.includes('fever');
      if (fever) fevers++;
      occupants.push({
        passage_id: input.id,
        seq,
        person_id: person?.id ?? null,
        region_path: site.region_path,
        name: o.name ?? person!.name,
        id_number: o.idNumber ?? person?.id_number ?? null,
        phone: o.phone ?? person?.phone ?? null,
        temperature: o.temperature,
        symptoms: o.symptoms.length ? JSON.stringify(o.symptoms) : null,
        fever: fever ? 1 : 0,
      });
      if (fever && person) {
        tags.push({
          person_id: person.id,
          tag: 'fever',
          region_path: person.region_path,
          source: 'checkpoint',
          created_at: now,
        });
        tags.push({
          person_id: person.id,
          tag: 'key_person',
          region_path: person.region_path,
          source: 'checkpoint',
          created_at: now,
        });
      }
      if (fever) {
        alerts.push({
          kind: 'fever',
          personId: person?.id ?? null,
          regionPath: site.region_path,
          sourceType: 'passage',
          sourceId: input.id,
          message: `卡口发热：${o.name ?? person?.name}（${o.temperature}℃），${site.name}${item.plate ? '，车辆 ' + item.plate : ''}`,
        });
      }
    }
    if (input.decision === 'referred') {
      // the people sent to the clinic get a referral record each and one alert (not a fever alert too)
      const referral = {
        at: item.at,
        by: item.actorId,
        subjects: occupants
          .filter((r) => r.passage_id === input.id)
          .map((r) => ({
            personId: r.person_id,
            personName: r.name,
            flagged: r.fever === 1 || r.symptoms !== null,
            fever: r.fever === 1,
            reason: `${r.fever ? '发热' : '体温'} ${r.temperature}℃`,
          })),
      };
      alerts.push({
        kind: 'refer',
        personId: null,
        regionPath: site.region_path,
        sourceType: 'passage',
        sourceId: input.id,
        message: `卡口转诊发热门诊：${site.name}${item.plate ? '，车辆 ' + item.plate : ''}`,
        referral,
      });
    }
    passages.push({
      id: input.id,
      site_id: site.id,
      region_path: site.region_path,
      at: item.at,
      direction: input.direction,
      plate: item.plate,
      vehicle_type: input.vehicleType,
      origin: input.origin ?? null,
      destination: input.destination ?? null,
      purpose: input.purpose ?? null,
      disinfected: input.disinfected ? 1 : 0,
      leaflet: input.leaflet ? 1 : 0,
      decision: input.decision,
      occupant_count: input.occupants.length,
      fever_count: fevers,
      recorder_id: item.actorId,
      created_at: now,
    });
    results.push({ id: input.id, duplicate: false });
  }
  await insertPassages(to, passages, occupants);
  await raiseAlerts(db, clock, alerts);
  // a fever tags the person (residents' rule: a tag they already carry is kept, not doubled)
  await addPersonTags(to, tags);
  return results;
}
