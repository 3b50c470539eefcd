import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { addDays, localDay, startOfLocalDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskIdNumber, maskName } from '../../../shared/validators';
import {
  starsFor,
  type ServiceCertificate,
  type ServiceCertificateView,
  type TaskKind,
} from '../../../shared/volunteer-tasks';
import { audit } from '../audit';
import { codesOfPath, findRegionsByCodes } from '../regions';
import { findPersonInScope } from '../residents';
import {
  approvedHoursOfPerson,
  countCertificatesWithSerial,
  findCertificateByCode,
  findCertificateInScope,
  insertCertificate,
  minutesPerPerson,
} from './hours.repository';

interface Breakdown {
  byMonth: { month: string; minutes: number }[];
  byKind: { kind: TaskKind; minutes: number }[];
}

/** The issuing unit: the names from the county down to the issuer's own node ("平遥县 古陶镇"). */
async function issuerOf(db: Db, path: string): Promise<string> {
  if (path === '/') return '';
  const nodes = (await findRegionsByCodes(db, codesOfPath(path)))
    .filter((r) => ['county', 'township', 'village'].includes(r.level))
    .sort((a, b) => a.depth - b.depth);
  return nodes.map((n) => n.name).join(' ');
}

/**
 * 志愿服务证明: a volunteer's approved hours served in the issuer's jurisdiction over a period of
 * local days, by month and by kind of service, frozen when issued (later approvals need a new
 * certificate), with a serial (ZYFW + year + number) and an unguessable code for the public check.
 */
export async function issueCertificate(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  input: { personId: string; from: string; to: string },
): Promise<string> {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const person = await findPersonInScope(trx, scope, input.personId);
    const hours = (
      await approvedHoursOfPerson(
        trx,
        input.personId,
        startOfLocalDay(input.from, timeZone).toISOString(),
        startOfLocalDay(addDays(input.to, 1), timeZone).toISOString(),
      )
    ).filter((h) => h.region_path.startsWith(scope.prefix));
    if (!person && hours.length === 0) throw new AppError('PERSON_NOT_FOUND');
    const total = hours.reduce((n, h) => n + Number(h.minutes), 0);
    if (total === 0) throw new AppError('VOLUNTEER_NO_APPROVED_HOURS');
    const months = new Map<string, number>();
    const kinds = new Map<TaskKind, number>();
    for (const h of hours) {
      if (Number(h.minutes) === 0) continue; // a check-in and check-out in the same minute states nothing
      const month = localDay(new Date(h.check_in_at), timeZone).slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + Number(h.minutes));
      kinds.set(h.kind, (kinds.get(h.kind) ?? 0) + Number(h.minutes));
    }
    const breakdown: Breakdown = {
      byMonth: [...months].map(([month, minutes]) => ({ month, minutes })),
      byKind: [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, minutes]) => ({ kind, minutes })),
    };
    const now = clock.now();
    const year = localDay(now, timeZone).slice(0, 4);
    const prefix = `ZYFW${year}`;
    const serial = `${prefix}${String((await countCertificatesWithSerial(trx, prefix)) + 1).padStart(6, '0')}`;
    const id = uuidv7(now.getTime());
    await insertCertificate(trx, {
      id,
      serial,
      code: randomBytes(16).toString('base64url'),
      person_id: input.personId,
      region_path: actor.regionPath,
      from_day: input.from,
      to_day: input.to,
      total_minutes: total,
      breakdown: JSON.stringify(breakdown),
      issuer: (await issuerOf(trx, actor.regionPath)) || actor.displayName,
      issued_by: actor.id,
      issued_at: now.toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'volunteer_certificate.issue',
      entityType: 'volunteer_certificate',
      entityId: id,
      regionPath: actor.regionPath,
      details: { serial, personId: input.personId, from: input.from, to: input.to, minutes: total },
    });
    return id;
  });
}

/** A certificate of the jurisdiction for printing: full name, masked ID number, stars over all approved hours. */
export async function certificateForPrint(db: Db, scope: Scope, id: string): Promise<ServiceCertificate> {
  const c = await findCertificateInScope(db, scope, id);
  if (!c) throw new AppError('VOLUNTEER_CERTIFICATE_NOT_FOUND');
  const b = JSON.parse(c.breakdown) as Breakdown;
  const approved = (await minutesPerPerson(db, { prefix: c.region_path === '/' ? '/' : c.region_path }))
    .filter((r) => r.person_id === c.person_id && r.status === 'approved')
    .reduce((n, r) => n + Number(r.minutes ?? 0), 0);
  return {
    id: c.id,
    serial: c.serial,
    name: c.name,
    idNumber: maskIdNumber(c.id_number),
    from: c.from_day,
    to: c.to_day,
    totalMinutes: Number(c.total_minutes),
    byMonth: b.byMonth,
    byKind: b.byKind,
    stars: starsFor(approved),
    issuer: c.issuer,
    issuedAt: c.issued_at,
    verifyPath: `/vs/${c.code}`,
  };
}

/**
 * What anyone who scans the certificate's QR code sees: what it states, the name masked to the
 * family name, no ID number, nothing else about the person.
 */
export async function certificateByCode(db: Db, code: string): Promise<ServiceCertificateView> {
  const c = await findCertificateByCode(db, code);
  if (!c) throw new AppError('VOLUNTEER_CERTIFICATE_NOT_FOUND');
  const b = JSON.parse(c.breakdown) as Breakdown;
  return {
    serial: c.serial,
    name: maskName(c.name),
    from: c.from_day,
    to: c.to_day,
    totalMinutes: Number(c.total_minutes),
    byKind: b.byKind,
    issuer: c.issuer,
    issuedAt: c.issued_at,
  };
}
