import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import type { SelfReportToSeekNotice } from '../../../shared/tracing';
import { audit } from '../audit';
import { personKeys, registerPerson, reverse } from '../residents';
import {
  confirmSeekFound,
  findActivePersonIdByIdNumber,
  findActivePersonIdByPhoneAndName,
  findFoundId,
  findPersonRegionPath,
  findReportByPhone,
  findReportOfNotice,
  findSeekNoticeBySlug,
  insertSeekFound,
  insertSeekReport,
  listReportsOf,
  updateSeekReport,
} from './seek-notices.repository';
import { getSeekNotice } from './seek-notices.service';

/*
 * The public side of a seek notice: its page, the reports "I was there" sent through it, and the
 * tracer's decision on each. Audit action names are stored data: they keep their 'notice.' prefix.
 */

/** The notice behind a public page, published and not closed. */
export async function publicSeekNotice(db: Db, slug: string) {
  const n = await findSeekNoticeBySlug(db, slug);
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
export async function reportToSeekNotice(
  db: Db,
  clock: Clock,
  slug: string,
  input: SelfReportToSeekNotice,
  client: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const n = await publicSeekNotice(trx, slug);
    const existing = await findReportByPhone(trx, n.id, input.phone);
    // A second report from the same phone corrects the first; what it leaves out is kept.
    const idNumber = input.idNumber || existing?.id_number || null;
    if (idNumber && idNumber.length === 18 && idCardProblem(idNumber))
      throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
    let match: { id: string; by: 'id_number' | 'phone' } | null = null;
    if (idNumber) {
      const p = await findActivePersonIdByIdNumber(trx, idNumber);
      if (p) match = { id: p, by: 'id_number' };
    }
    if (!match) {
      // the phone through its index, the name as the registry compares names (简/繁, spaces); one registered by ID number first
      const p = await findActivePersonIdByPhoneAndName(
        trx,
        reverse(input.phone),
        personKeys(input.name, null, null).name_key,
      );
      if (p) match = { id: p, by: 'phone' };
    }
    const now = clock.now().toISOString();
    const clientHash = createHash('sha256').update(`${n.id}:${client}`).digest('hex').slice(0, 32);
    const columns = {
      name: input.name,
      id_number: idNumber,
      where_now: input.whereNow,
      seat: input.seat || existing?.seat || null,
      match_person_id: match?.id ?? null,
      match_by: match?.by ?? null,
      updated_at: now,
    };
    if (existing) {
      if (existing.status === 'pending') await updateSeekReport(trx, existing.id, columns);
    } else {
      await insertSeekReport(trx, {
        id: uuidv7(),
        notice_id: n.id,
        region_path: n.region_path,
        phone: input.phone,
        status: 'pending',
        client_hash: clientHash,
        created_at: now,
        ...columns,
      });
    }
    await audit(trx, clock, null, {
      action: 'notice.public_report',
      entityType: 'seek_notice',
      entityId: n.id,
      regionPath: n.region_path,
      details: { matched: !!match, repeat: !!existing },
    });
  });
}

/** A notice's public reports for the tracer: numbers masked, with the registry person each matched. */
export async function reportsOf(db: Db, noticeId: string) {
  const rows = await listReportsOf(db, noticeId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: maskPhone(r.phone),
    idNumber: maskIdNumber(r.id_number),
    whereNow: r.where_now,
    seat: r.seat,
    status: r.status,
    match: r.match_person_id ? { personId: r.match_person_id, name: r.match_name ?? '', by: r.match_by! } : null,
    createdAt: r.created_at,
  }));
}

/**
 * A tracer confirms a report: the matched person (or the one the tracer picks, or — with
 * `register` — a new registry person made from the report) joins the found list; or rejects it.
 */
export async function decideReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  noticeId: string,
  reportId: string,
  d: { action: 'confirm' | 'reject'; personId?: string; register?: boolean },
) {
  const scope = scopeOf(actor);
  const pending = async (db: Db) => {
    const n = await getSeekNotice(db, scope, noticeId);
    const r = await findReportOfNotice(db, n.id, reportId);
    if (!r) throw new AppError('NOT_FOUND');
    if (r.status !== 'pending') throw new AppError('NOTICE_STATE', { status: r.status });
    return { n, r };
  };
  // A new registry person is registered first (registration is its own transaction, with its duplicate checks).
  let registered: string | undefined;
  if (d.action === 'confirm' && d.register && !d.personId) {
    const { n, r } = await pending(db);
    if (!r.match_person_id) {
      registered = (
        await registerPerson(db, clock, actor, {
          name: r.name,
          idType: 'resident_id',
          idNumber: r.id_number,
          phone: r.phone,
          regionId: n.region_id,
          away: false,
          tags: ['key_person'],
          note: `寻人通告自报：${r.where_now}${r.seat ? `，座位 ${r.seat}` : ''}`,
          confirmNotDuplicate: true,
        })
      ).person.id;
    }
  }
  await db.transaction().execute(async (trx) => {
    const { n, r } = await pending(trx);
    const now = clock.now().toISOString();
    if (d.action === 'reject') {
      await updateSeekReport(trx, r.id, { status: 'rejected', updated_at: now });
    } else {
      const personId = d.personId ?? r.match_person_id ?? registered;
      if (!personId) {
        throw new AppError('VALIDATION', {
          issues: [{ path: ['personId'], message: 'choose the person, or register a new one from the report' }],
        });
      }
      const regionPath = await findPersonRegionPath(trx, personId);
      if (regionPath === undefined) throw new AppError('PERSON_NOT_FOUND');
      const already = await findFoundId(trx, n.id, personId);
      if (already) await confirmSeekFound(trx, already, actor.id);
      else {
        await insertSeekFound(trx, {
          id: uuidv7(),
          notice_id: n.id,
          person_id: personId,
          region_path: regionPath,
          source: 'self_report',
          source_id: r.id,
          confirmed: 1,
          confirmed_by: actor.id,
          created_at: now,
        });
      }
      const matchBy = personId === r.match_person_id ? r.match_by : 'tracer';
      await updateSeekReport(trx, r.id, {
        status: 'confirmed',
        match_person_id: personId,
        match_by: matchBy,
        updated_at: now,
      });
    }
    await audit(trx, clock, actor, {
      action: `notice.report_${d.action}`,
      entityType: 'seek_notice',
      entityId: n.id,
      regionPath: n.region_path,
      details: { reportId },
    });
  });
}
