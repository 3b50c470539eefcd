import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { inScope, scopeOf, type Scope } from '../../access/scope';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import { normalisePlate, PLATE_PATTERN } from '../../../shared/checkpoints';
import type { Notice, NoticeInput, SelfReportToNotice, UnregisteredOccupant } from '../../../shared/tracing';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { registerPerson } from '../residents';
import { personKeys, reverse } from '../residents';
import { getSite } from '../checkpoints';

function selectNotices(db: Db) {
  return db.selectFrom('seek_notices').leftJoin('regions', 'regions.id', 'seek_notices.region_id')
    .selectAll('seek_notices').select('regions.name as region_name')
    .select((eb) => [
      eb.selectFrom('seek_found').select((e) => e.fn.countAll<number>().as('n')).whereRef('seek_found.notice_id', '=', 'seek_notices.id').as('found'),
      eb.selectFrom('seek_found').select((e) => e.fn.countAll<number>().as('n')).whereRef('seek_found.notice_id', '=', 'seek_notices.id').where('seek_found.confirmed', '=', 1).as('confirmed'),
      eb.selectFrom('seek_reports').select((e) => e.fn.countAll<number>().as('n')).whereRef('seek_reports.notice_id', '=', 'seek_notices.id').as('reports'),
      eb.selectFrom('seek_reports').select((e) => e.fn.countAll<number>().as('n')).whereRef('seek_reports.notice_id', '=', 'seek_notices.id').where('seek_reports.status', '=', 'pending').as('pending_reports'),
    ]);
}
type NoticeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectNotices>['executeTakeFirst']>>>;

export async function getNotice(db: Db, scope: Scope, id: string): Promise<NoticeRow> {
  const row = await inScope(selectNotices(db).where('seek_notices.id', '=', id), 'seek_notices.region_path', scope).executeTakeFirst();
  if (!row) throw new AppError('NOTICE_NOT_FOUND');
  return row;
}

export async function listNotices(db: Db, scope: Scope, status?: string) {
  return inScope(selectNotices(db), 'seek_notices.region_path', scope).$if(status !== undefined, (q) => q.where('seek_notices.status', '=', status as 'published'))
    .orderBy('seek_notices.id', 'desc').limit(500).execute();
}

export function toNotice(r: NoticeRow): Notice {
  return {
    id: r.id, slug: r.slug, title: r.title, body: r.body, hotline: r.hotline, regionId: r.region_id, regionName: r.region_name ?? null, regionPath: r.region_path,
    kind: r.kind, plate: r.plate, siteId: r.site_id, place: r.place, windowFrom: r.window_from, windowTo: r.window_to, expected: r.expected, caseId: r.case_id,
    status: r.status, found: Number(r.found ?? 0), confirmed: Number(r.confirmed ?? 0), reports: Number(r.reports ?? 0), pendingReports: Number(r.pending_reports ?? 0),
    publishedAt: r.published_at, closedAt: r.closed_at, createdAt: r.created_at,
  };
}

/** What a notice is looking for, checked: a valid plate for a vehicle, a checkpoint or a described place for a place; a window that ends after it starts. */
async function checkedTarget(db: Db, scope: Scope, input: NoticeInput) {
  const from = new Date(input.windowFrom).toISOString();
  const to = new Date(input.windowTo).toISOString();
  if (to <= from || Date.parse(to) - Date.parse(from) > 14 * 86_400_000) throw new AppError('NOTICE_INVALID', { field: 'windowTo' });
  let plate: string | null = null;
  let siteId: string | null = null;
  if (input.kind === 'vehicle') {
    plate = normalisePlate(input.plate ?? '');
    if (!PLATE_PATTERN.test(plate)) throw new AppError('PLATE_INVALID', { field: 'plate' });
  } else {
    if (input.siteId) siteId = (await getSite(db, scope, input.siteId)).id;
    if (!siteId && !input.place) throw new AppError('NOTICE_INVALID', { field: 'place' });
  }
  return { from, to, plate, siteId };
}

type NoticeTarget = { id: string; plate: string | null; site_id: string | null; window_from: string; window_to: string; case_id: string | null };

/** The passages a notice is about: the plate's (or the checkpoint's) within the window. */
function noticePassages(db: Db, notice: NoticeTarget) {
  const q = db.selectFrom('passages as p').where('p.at', '>=', notice.window_from).where('p.at', '<=', notice.window_to);
  return notice.plate ? q.where('p.plate', '=', notice.plate) : q.where('p.site_id', '=', notice.site_id!);
}

/**
 * Fill the found list with everyone known to have been there: every registered occupant of the
 * notice's passages (by ID number or by phone — found by the data itself, so confirmed), and the
 * contacts the tracer accepted on the notice's case for that trip: those whose exposure is one of
 * these passages, and those added by hand as co-passengers or in the same vehicle (no record named)
 * with an exposure day in the window or none.
 */
async function fillFromData(db: Db, clock: Clock, notice: NoticeTarget) {
  if (!notice.plate && !notice.site_id) return 0;
  // The case a notice is about is not someone to find.
  const casePerson = notice.case_id ? (await db.selectFrom('cases').select('person_id').where('id', '=', notice.case_id).executeTakeFirst())?.person_id : undefined;
  const rows = await noticePassages(db, notice).innerJoin('passage_occupants as o', 'o.passage_id', 'p.id').innerJoin('persons', 'persons.id', 'o.person_id')
    .select(['o.person_id', 'p.id as passage_id', 'persons.region_path']).execute();
  const found: { person_id: string; region_path: string; source: 'data' | 'manual'; source_id: string }[] = rows.map((r) => ({ person_id: r.person_id!, region_path: r.region_path, source: 'data', source_id: r.passage_id }));
  if (notice.case_id) {
    const passageIds = new Set(rows.map((r) => r.passage_id));
    const days = [localDay(notice.window_from), localDay(notice.window_to)];
    const contacts = await db.selectFrom('contacts').innerJoin('persons', 'persons.id', 'contacts.person_id')
      .select(['contacts.id', 'contacts.person_id', 'contacts.source_id', 'contacts.exposure_type', 'contacts.exposure_date', 'persons.region_path'])
      .where('contacts.case_id', '=', notice.case_id).where('contacts.decision', '=', 'accepted').execute();
    for (const k of contacts) {
      const onThisTrip = k.source_id ? passageIds.has(k.source_id) || k.source_id === notice.id
        : (k.exposure_type === 'co_passenger' || k.exposure_type === 'same_vehicle') && (!k.exposure_date || (k.exposure_date >= days[0]! && k.exposure_date <= days[1]!));
      if (onThisTrip) found.push({ person_id: k.person_id, region_path: k.region_path, source: 'manual', source_id: k.id });
    }
  }
  const known = new Set((await db.selectFrom('seek_found').select('person_id').where('notice_id', '=', notice.id).execute()).map((r) => r.person_id));
  if (casePerson) known.add(casePerson);
  const now = clock.now().toISOString();
  let added = 0;
  for (const r of found) {
    if (known.has(r.person_id)) continue;
    known.add(r.person_id);
    await db.insertInto('seek_found').values({ id: uuidv7(), notice_id: notice.id, person_id: r.person_id, region_path: r.region_path, source: r.source, source_id: r.source_id, confirmed: 1, confirmed_by: null, created_at: now }).execute();
    added++;
  }
  return added;
}

/** The local (UTC+8) day of an instant: contacts' exposure dates are local days. */
function localDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A case's contacts changed: its open notices take in the accepted ones (see fillFromData). */
export async function refreshNoticesOfCase(db: Db, clock: Clock, caseId: string) {
  const notices = await db.selectFrom('seek_notices').select(['id', 'plate', 'site_id', 'window_from', 'window_to', 'case_id']).where('case_id', '=', caseId).where('status', '!=', 'closed').execute();
  for (const n of notices) await fillFromData(db, clock, n);
}

/**
 * Occupants of a notice's passages the registry does not know (recorded by name only): known to
 * have been there, not yet on the found list — each can be registered in one click.
 */
export async function unregisteredOf(db: Db, scope: Scope, notice: NoticeTarget): Promise<UnregisteredOccupant[]> {
  if (!notice.plate && !notice.site_id) return [];
  const rows = await inScope(noticePassages(db, notice).innerJoin('passage_occupants as o', 'o.passage_id', 'p.id').innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
    .select(['o.passage_id', 'o.seq', 'o.name', 'o.phone', 'p.at', 's.name as site_name']).where('o.person_id', 'is', null), 'o.region_path', scope)
    .orderBy('p.at').orderBy('o.seq').limit(500).execute();
  return rows.map((r) => ({ passageId: r.passage_id, seq: r.seq, name: r.name, phone: maskPhone(r.phone), at: r.at, siteName: r.site_name }));
}

/** Draft a seek notice (寻人通告) and fill its found list from the data at once. */
export async function createNotice(db: Db, clock: Clock, actor: Actor, input: NoticeInput): Promise<NoticeRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const target = await checkedTarget(trx, scope, input);
    if (input.caseId) {
      const c = await inScope(trx.selectFrom('cases').select('id').where('id', '=', input.caseId), 'region_path', scope).executeTakeFirst();
      if (!c) throw new AppError('CASE_NOT_FOUND');
    }
    const now = clock.now();
    const noticeId = uuidv7(now.getTime());
    const row = {
      id: noticeId, slug: randomBytes(8).toString('base64url'), title: input.title, body: input.body, hotline: input.hotline, region_id: region.id, region_path: region.path,
      kind: input.kind, plate: target.plate, site_id: target.siteId, place: input.place ?? null, window_from: target.from, window_to: target.to,
      expected: input.expected ?? null, case_id: input.caseId ?? null, status: 'draft' as const, created_by: actor.id, created_at: now.toISOString(), published_at: null, closed_at: null,
    };
    await trx.insertInto('seek_notices').values(row).execute();
    const found = await fillFromData(trx, clock, row);
    await audit(trx, clock, actor, { action: 'notice.create', entityType: 'seek_notice', entityId: noticeId, regionPath: region.path, details: { kind: input.kind, plate: target.plate, found } });
    return noticeId;
  });
  return getNotice(db, scope, id);
}

/** Publish (the public page goes live), close (it goes off the public page), or refresh the found list from new data. */
export async function actOnNotice(db: Db, clock: Clock, actor: Actor, id: string, action: 'publish' | 'close' | 'refresh', expected?: number | null): Promise<NoticeRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const n = await getNotice(trx, scope, id);
    const now = clock.now().toISOString();
    if (action === 'publish') {
      if (n.status !== 'draft') throw new AppError('NOTICE_STATE', { status: n.status });
      await trx.updateTable('seek_notices').set({ status: 'published', published_at: now }).where('id', '=', id).execute();
    } else if (action === 'close') {
      if (n.status === 'closed') throw new AppError('NOTICE_STATE', { status: n.status });
      await trx.updateTable('seek_notices').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
    } else {
      await fillFromData(trx, clock, n);
    }
    if (expected !== undefined) await trx.updateTable('seek_notices').set({ expected }).where('id', '=', id).execute();
    await audit(trx, clock, actor, { action: `notice.${action}`, entityType: 'seek_notice', entityId: id, regionPath: n.region_path });
  });
  return getNotice(db, scope, id);
}

/** The people found for a notice, with their isolation now. */
export async function foundOf(db: Db, scope: Scope, noticeId: string) {
  const rows = await db.selectFrom('seek_found').innerJoin('persons', 'persons.id', 'seek_found.person_id')
    .select(['seek_found.id', 'seek_found.person_id', 'seek_found.source', 'seek_found.confirmed', 'seek_found.created_at', 'persons.name', 'persons.id_number', 'persons.phone', 'persons.region_path'])
    .where('seek_found.notice_id', '=', noticeId).orderBy('seek_found.created_at').orderBy('seek_found.id').execute();
  const ids = rows.map((r) => r.person_id);
  const episodes = ids.length ? await db.selectFrom('isolation_episodes').select(['id', 'person_id', 'status', 'kind']).where('person_id', 'in', ids).orderBy('created_at').execute() : [];
  const latest = new Map(episodes.map((e) => [e.person_id, e]));
  return rows.map((r) => {
    const e = latest.get(r.person_id);
    // A person found for a notice of one's jurisdiction may live elsewhere: their name is shown, their numbers only masked.
    return {
      id: r.id, personId: r.person_id, name: r.name, idNumber: maskIdNumber(r.id_number), phone: maskPhone(r.phone), source: r.source, confirmed: r.confirmed === 1,
      isolation: e ? { episodeId: e.id, status: e.status, kind: e.kind } : null, createdAt: r.created_at, inScope: r.region_path.startsWith(scope.prefix),
    };
  });
}

export async function reportsOf(db: Db, noticeId: string) {
  const rows = await db.selectFrom('seek_reports').leftJoin('persons', 'persons.id', 'seek_reports.match_person_id')
    .selectAll('seek_reports').select('persons.name as match_name').where('seek_reports.notice_id', '=', noticeId).orderBy('seek_reports.created_at').execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, phone: maskPhone(r.phone), idNumber: maskIdNumber(r.id_number), whereNow: r.where_now, seat: r.seat, status: r.status,
    match: r.match_person_id ? { personId: r.match_person_id, name: r.match_name ?? '', by: r.match_by! } : null, createdAt: r.created_at,
  }));
}

/** The notice behind a public page, published and not closed. */
export async function publicNotice(db: Db, slug: string) {
  const n = await db.selectFrom('seek_notices').leftJoin('regions', 'regions.id', 'seek_notices.region_id').selectAll('seek_notices').select('regions.name as region_name')
    .where('seek_notices.slug', '=', slug).executeTakeFirst();
  if (!n || n.status === 'draft') throw new AppError('NOTICE_NOT_FOUND');
  if (n.status === 'closed') throw new AppError('NOTICE_CLOSED');
  return n;
}

/**
 * "I was there": a member of the public reports through the notice's page. One report per phone
 * number per notice (a second send updates the first); the report is matched to the registry by
 * ID number, else by phone and name, and waits for a tracer. The answer never says whether or whom
 * it matched.
 */
export async function reportToNotice(db: Db, clock: Clock, slug: string, input: SelfReportToNotice, client: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const n = await publicNotice(trx, slug);
    const existing = await trx.selectFrom('seek_reports').select(['id', 'status', 'id_number', 'seat']).where('notice_id', '=', n.id).where('phone', '=', input.phone).executeTakeFirst();
    // A second report from the same phone corrects the first; what it leaves out is kept.
    const idNumber = input.idNumber || existing?.id_number || null;
    if (idNumber && idNumber.length === 18 && idCardProblem(idNumber)) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
    let match: { id: string; by: 'id_number' | 'phone' } | null = null;
    if (idNumber) {
      const p = await trx.selectFrom('persons').select('id').where('id_number', '=', idNumber).where('status', '=', 'active').executeTakeFirst();
      if (p) match = { id: p.id, by: 'id_number' };
    }
    if (!match) {
      // the phone through its index, the name as the registry compares names (简/繁, spaces); one registered by ID number first
      const p = await trx.selectFrom('persons').select('id').where('phone_rev', '=', reverse(input.phone)).where('name_key', '=', personKeys(input.name, null, null).name_key)
        .where('status', '=', 'active').orderBy(sql`id_number is null`).orderBy('id').limit(1).executeTakeFirst();
      if (p) match = { id: p.id, by: 'phone' };
    }
    const now = clock.now().toISOString();
    const clientHash = createHash('sha256').update(`${n.id}:${client}`).digest('hex').slice(0, 32);
    const columns = { name: input.name, id_number: idNumber, where_now: input.whereNow, seat: input.seat || existing?.seat || null, match_person_id: match?.id ?? null, match_by: match?.by ?? null, updated_at: now };
    if (existing) {
      if (existing.status === 'pending') await trx.updateTable('seek_reports').set(columns).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('seek_reports').values({ id: uuidv7(), notice_id: n.id, region_path: n.region_path, phone: input.phone, status: 'pending', client_hash: clientHash, created_at: now, ...columns }).execute();
    }
    await audit(trx, clock, null, { action: 'notice.public_report', entityType: 'seek_notice', entityId: n.id, regionPath: n.region_path, details: { matched: !!match, repeat: !!existing } });
  });
}

/**
 * A tracer confirms a report: the matched person (or the one the tracer picks, or — with
 * `register` — a new registry person made from the report) joins the found list; or rejects it.
 */
export async function decideReport(db: Db, clock: Clock, actor: Actor, noticeId: string, reportId: string, d: { action: 'confirm' | 'reject'; personId?: string; register?: boolean }) {
  const scope = scopeOf(actor);
  const pending = async (db: Db) => {
    const n = await getNotice(db, scope, noticeId);
    const r = await db.selectFrom('seek_reports').selectAll().where('id', '=', reportId).where('notice_id', '=', n.id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND');
    if (r.status !== 'pending') throw new AppError('NOTICE_STATE', { status: r.status });
    return { n, r };
  };
  // A new registry person is registered first (registration is its own transaction, with its duplicate checks).
  let registered: string | undefined;
  if (d.action === 'confirm' && d.register && !d.personId) {
    const { n, r } = await pending(db);
    if (!r.match_person_id) {
      registered = (await registerPerson(db, clock, actor, {
        name: r.name, idType: 'resident_id', idNumber: r.id_number, phone: r.phone, regionId: n.region_id, away: false, tags: ['key_person'],
        note: `寻人通告自报：${r.where_now}${r.seat ? `，座位 ${r.seat}` : ''}`, confirmNotDuplicate: true,
      })).person.id;
    }
  }
  await db.transaction().execute(async (trx) => {
    const { n, r } = await pending(trx);
    const now = clock.now().toISOString();
    if (d.action === 'reject') {
      await trx.updateTable('seek_reports').set({ status: 'rejected', updated_at: now }).where('id', '=', r.id).execute();
    } else {
      const personId = d.personId ?? r.match_person_id ?? registered;
      if (!personId) throw new AppError('VALIDATION', { issues: [{ path: ['personId'], message: 'choose the person, or register a new one from the report' }] });
      const person = await trx.selectFrom('persons').select(['id', 'region_path']).where('id', '=', personId).executeTakeFirst();
      if (!person) throw new AppError('PERSON_NOT_FOUND');
      const already = await trx.selectFrom('seek_found').select('id').where('notice_id', '=', n.id).where('person_id', '=', personId).executeTakeFirst();
      if (already) await trx.updateTable('seek_found').set({ confirmed: 1, confirmed_by: actor.id }).where('id', '=', already.id).execute();
      else await trx.insertInto('seek_found').values({ id: uuidv7(), notice_id: n.id, person_id: personId, region_path: person.region_path, source: 'self_report', source_id: r.id, confirmed: 1, confirmed_by: actor.id, created_at: now }).execute();
      await trx.updateTable('seek_reports').set({ status: 'confirmed', match_person_id: personId, match_by: personId === r.match_person_id ? r.match_by : 'tracer', updated_at: now }).where('id', '=', r.id).execute();
    }
    await audit(trx, clock, actor, { action: `notice.report_${d.action}`, entityType: 'seek_notice', entityId: n.id, regionPath: n.region_path, details: { reportId } });
  });
}

