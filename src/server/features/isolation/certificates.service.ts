import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { maskIdNumber, maskName } from '../../../shared/validators';
import { containsScopeNode } from '../../access/scope';
import type { CertificateView } from '../../../shared/isolation';

/**
 * 居家医学观察期满证明: what anyone holding the printed certificate (an employer, a landlord, a
 * checkpoint) sees when they scan its QR code — enough to tell it is genuine, nothing more: the name
 * with all but the family name masked and the ID number masked. The issuer is the township and
 * village (or community) the observation was kept by.
 */
export async function certificateByCode(db: Db, code: string): Promise<CertificateView> {
  const row = await db.selectFrom('isolation_episodes').innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select(['isolation_episodes.certificate_serial', 'isolation_episodes.certificate_issued_at', 'isolation_episodes.kind', 'isolation_episodes.start_day', 'isolation_episodes.ended_at', 'isolation_episodes.planned_end_day', 'isolation_episodes.status', 'isolation_episodes.region_path', 'persons.name', 'persons.id_number'])
    .where('isolation_episodes.certificate_code', '=', code).executeTakeFirst();
  if (!row || !row.certificate_serial) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    serial: row.certificate_serial, valid: row.status === 'completed', name: maskName(row.name),
    idNumber: maskIdNumber(row.id_number), kind: row.kind, startDay: row.start_day, endDay: row.planned_end_day,
    issuedAt: row.certificate_issued_at!, issuer: await issuerOf(db, row.region_path),
  };
}

/** The names from township down to village along a path: "古陶镇 西关村". */
export async function issuerOf(db: Db, path: string): Promise<string> {
  const ancestors = await db.selectFrom('regions').select(['name', 'level']).where('level', 'in', ['county', 'township', 'village'])
    .where((eb) => containsScopeNode(eb, 'path', { prefix: path })).orderBy('path').execute();
  return ancestors.map((a) => a.name).join(' ');
}

/** The certificate of an ended episode, for printing (full name; the caller has the person in scope). */
export async function certificateForPrint(db: Db, episodeId: string) {
  const row = await db.selectFrom('isolation_episodes').innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select(['isolation_episodes.certificate_serial', 'isolation_episodes.certificate_code', 'isolation_episodes.certificate_issued_at', 'isolation_episodes.kind', 'isolation_episodes.start_day', 'isolation_episodes.planned_end_day', 'isolation_episodes.region_path', 'isolation_episodes.reason', 'persons.name', 'persons.sex', 'persons.id_number', 'persons.birth_date'])
    .where('isolation_episodes.id', '=', episodeId).executeTakeFirst();
  if (!row?.certificate_serial) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    serial: row.certificate_serial, code: row.certificate_code!, issuedAt: row.certificate_issued_at!, kind: row.kind, startDay: row.start_day, endDay: row.planned_end_day,
    name: row.name, sex: row.sex, idNumber: maskIdNumber(row.id_number), birthDate: row.birth_date, issuer: await issuerOf(db, row.region_path), verifyPath: `/verify/${row.certificate_code}`,
  };
}
