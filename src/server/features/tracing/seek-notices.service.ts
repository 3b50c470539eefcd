import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import { normalisePlate, PLATE_PATTERN } from '../../../shared/checkpoints';
import type { SeekNotice, SeekNoticeInput, UnregisteredOccupant } from '../../../shared/tracing';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { getSite } from '../checkpoints';
import { caseExistsInScope, findPersonIdOfCase } from './cases.repository';
import { latestEpisodesOf, listAcceptedContactsOfCase } from './contacts.repository';
import {
  findSeekNoticeInScope,
  foundPersonIdsOf,
  insertSeekFound,
  insertSeekNotice,
  listFoundOf,
  listOpenSeekNoticesOfCase,
  registeredOccupantsOf,
  type SeekNoticeRow,
  type SeekNoticeTarget,
  unregisteredOccupantsOf,
  updateSeekNotice,
} from './seek-notices.repository';

export async function getSeekNotice(db: Db, scope: Scope, id: string): Promise<SeekNoticeRow> {
  const row = await findSeekNoticeInScope(db, scope, id);
  if (!row) throw new AppError('NOTICE_NOT_FOUND');
  return row;
}

export function toSeekNotice(r: SeekNoticeRow): SeekNotice {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    body: r.body,
    hotline: r.hotline,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    kind: r.kind,
    plate: r.plate,
    siteId: r.site_id,
    place: r.place,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    expected: r.expected,
    caseId: r.case_id,
    status: r.status,
    found: Number(r.found ?? 0),
    confirmed: Number(r.confirmed ?? 0),
    reports: Number(r.reports ?? 0),
    pendingReports: Number(r.pending_reports ?? 0),
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}

/** What a notice is looking for, checked: a valid plate for a vehicle, a checkpoint or a described place for a place; a window that ends after it starts. */
async function checkedTarget(db: Db, scope: Scope, input: SeekNoticeInput) {
  const from = new Date(input.windowFrom).toISOString();
  const to = new Date(input.windowTo).toISOString();
  if (to <= from || Date.parse(to) - Date.parse(from) > 14 * 86_400_000)
    throw new AppError('NOTICE_INVALID', { field: 'windowTo' });
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

/**
 * Fill the found list with everyone known to have been there: every registered occupant of the
 * notice's passages (by ID number or by phone — found by the data itself, so confirmed), and the
 * contacts the tracer accepted on the notice's case for that trip: those whose exposure is one of
 * these passages, and those added by hand as co-passengers or in the same vehicle (no record named)
 * with an exposure day in the window or none.
 */
async function fillFromData(db: Db, clock: Clock, notice: SeekNoticeTarget) {
  if (!notice.plate && !notice.site_id) return 0;
  // The case a notice is about is not someone to find.
  const casePerson = notice.case_id ? await findPersonIdOfCase(db, notice.case_id) : undefined;
  const rows = await registeredOccupantsOf(db, notice);
  const found: { person_id: string; region_path: string; source: 'data' | 'manual'; source_id: string }[] = rows.map(
    (r) => ({
      person_id: r.person_id!,
      region_path: r.region_path,
      source: 'data',
      source_id: r.passage_id,
    }),
  );
  if (notice.case_id) {
    const passageIds = new Set(rows.map((r) => r.passage_id));
    const days = [localDay(notice.window_from), localDay(notice.window_to)];
    const contacts = await listAcceptedContactsOfCase(db, notice.case_id);
    for (const k of contacts) {
      const onThisTrip = k.source_id
        ? passageIds.has(k.source_id) || k.source_id === notice.id
        : (k.exposure_type === 'co_passenger' || k.exposure_type === 'same_vehicle') &&
          (!k.exposure_date || (k.exposure_date >= days[0]! && k.exposure_date <= days[1]!));
      if (onThisTrip)
        found.push({ person_id: k.person_id, region_path: k.region_path, source: 'manual', source_id: k.id });
    }
  }
  const known = new Set(await foundPersonIdsOf(db, notice.id));
  if (casePerson) known.add(casePerson);
  const now = clock.now().toISOString();
  let added = 0;
  for (const r of found) {
    if (known.has(r.person_id)) continue;
    known.add(r.person_id);
    await insertSeekFound(db, {
      id: uuidv7(),
      notice_id: notice.id,
      person_id: r.person_id,
      region_path: r.region_path,
      source: r.source,
      source_id: r.source_id,
      confirmed: 1,
      confirmed_by: null,
      created_at: now,
    });
    added++;
  }
  return added;
}

/** The local (UTC+8) day of an instant: contacts' exposure dates are local days. */
function localDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A case's contacts changed: its open notices take in the accepted ones (see fillFromData). */
export async function refreshSeekNoticesOfCase(db: Db, clock: Clock, caseId: string) {
  for (const n of await listOpenSeekNoticesOfCase(db, caseId)) await fillFromData(db, clock, n);
}

/**
 * Occupants of a notice's passages the registry does not know (recorded by name only): known to
 * have been there, not yet on the found list — each can be registered in one click.
 */
export async function unregisteredOf(db: Db, scope: Scope, notice: SeekNoticeTarget): Promise<UnregisteredOccupant[]> {
  if (!notice.plate && !notice.site_id) return [];
  const rows = await unregisteredOccupantsOf(db, scope, notice);
  return rows.map((r) => ({
    passageId: r.passage_id,
    seq: r.seq,
    name: r.name,
    phone: maskPhone(r.phone),
    at: r.at,
    siteName: r.site_name,
  }));
}

/** Draft a seek notice (寻人通告) and fill its found list from the data at once. */
export async function createSeekNotice(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: SeekNoticeInput,
): Promise<SeekNoticeRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const target = await checkedTarget(trx, scope, input);
    if (input.caseId && !(await caseExistsInScope(trx, scope, input.caseId))) throw new AppError('CASE_NOT_FOUND');
    const now = clock.now();
    const noticeId = uuidv7(now.getTime());
    const row = {
      id: noticeId,
      slug: randomBytes(8).toString('base64url'),
      title: input.title,
      body: input.body,
      hotline: input.hotline,
      region_id: region.id,
      region_path: region.path,
      kind: input.kind,
      plate: target.plate,
      site_id: target.siteId,
      place: input.place ?? null,
      window_from: target.from,
      window_to: target.to,
      expected: input.expected ?? null,
      case_id: input.caseId ?? null,
      status: 'draft' as const,
      created_by: actor.id,
      created_at: now.toISOString(),
      published_at: null,
      closed_at: null,
    };
    await insertSeekNotice(trx, row);
    const found = await fillFromData(trx, clock, row);
    // audit action names are stored data: they keep the 'notice.' prefix of older rows
    await audit(trx, clock, actor, {
      action: 'notice.create',
      entityType: 'seek_notice',
      entityId: noticeId,
      regionPath: region.path,
      details: { kind: input.kind, plate: target.plate, found },
    });
    return noticeId;
  });
  return getSeekNotice(db, scope, id);
}

/** Publish (the public page goes live), close (it goes off the public page), or refresh the found list from new data. */
export async function actOnSeekNotice(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: 'publish' | 'close' | 'refresh',
  expected?: number | null,
): Promise<SeekNoticeRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const n = await getSeekNotice(trx, scope, id);
    const now = clock.now().toISOString();
    if (action === 'publish') {
      if (n.status !== 'draft') throw new AppError('NOTICE_STATE', { status: n.status });
      await updateSeekNotice(trx, id, { status: 'published', published_at: now });
    } else if (action === 'close') {
      if (n.status === 'closed') throw new AppError('NOTICE_STATE', { status: n.status });
      await updateSeekNotice(trx, id, { status: 'closed', closed_at: now });
    } else {
      await fillFromData(trx, clock, n);
    }
    if (expected !== undefined) await updateSeekNotice(trx, id, { expected });
    await audit(trx, clock, actor, {
      action: `notice.${action}`,
      entityType: 'seek_notice',
      entityId: id,
      regionPath: n.region_path,
    });
  });
  return getSeekNotice(db, scope, id);
}

/** The people found for a notice, with their isolation now. */
export async function foundOf(db: Db, scope: Scope, noticeId: string) {
  const rows = await listFoundOf(db, noticeId);
  const latest = await latestEpisodesOf(
    db,
    rows.map((r) => r.person_id),
  );
  return rows.map((r) => {
    const e = latest.get(r.person_id);
    // A person found for a notice of one's jurisdiction may live elsewhere: their name is shown, their numbers only masked.
    return {
      id: r.id,
      personId: r.person_id,
      name: r.name,
      idNumber: maskIdNumber(r.id_number),
      phone: maskPhone(r.phone),
      source: r.source,
      confirmed: r.confirmed === 1,
      isolation: e ? { episodeId: e.id, status: e.status, kind: e.kind } : null,
      createdAt: r.created_at,
      inScope: r.region_path.startsWith(scope.prefix),
    };
  });
}
