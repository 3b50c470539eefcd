import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { maskIdNumber, maskName } from '../../../shared/validators';
import type { CertificateView } from '../../../shared/isolation';
import { codesOfPath, findRegionsByCodes } from '../regions';
import { findCertificateByCode, findCertificateOfEpisode } from './episodes.repository';

/**
 * 居家医学观察期满证明: what anyone holding the printed certificate (an employer, a landlord, a
 * checkpoint) sees when they scan its QR code — enough to tell it is genuine, nothing more: the name
 * with all but the family name masked and the ID number masked. The issuer is the township and
 * village (or community) the observation was kept by.
 */
export async function certificateByCode(db: Db, code: string): Promise<CertificateView> {
  const row = await findCertificateByCode(db, code);
  if (!row?.certificate_serial) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    serial: row.certificate_serial,
    valid: row.status === 'completed',
    name: maskName(row.name),
    idNumber: maskIdNumber(row.id_number),
    kind: row.kind,
    startDay: row.start_day,
    endDay: row.planned_end_day,
    issuedAt: row.certificate_issued_at!,
    issuer: await issuerOf(db, row.region_path),
  };
}

/** The names from township down to village along a path: "古陶镇 西关村". */
async function issuerOf(db: Db, path: string): Promise<string> {
  // the nodes along a path are the regions of its codes; top first
  const ancestors = (await findRegionsByCodes(db, codesOfPath(path)))
    .filter((r) => ['county', 'township', 'village'].includes(r.level))
    .sort((a, b) => a.depth - b.depth);
  return ancestors.map((a) => a.name).join(' ');
}

/** The certificate of an ended episode, for printing (full name; the caller has the person in scope). */
export async function certificateForPrint(db: Db, episodeId: string) {
  const row = await findCertificateOfEpisode(db, episodeId);
  if (!row?.certificate_serial) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    serial: row.certificate_serial,
    code: row.certificate_code!,
    issuedAt: row.certificate_issued_at!,
    kind: row.kind,
    startDay: row.start_day,
    endDay: row.planned_end_day,
    name: row.name,
    sex: row.sex,
    idNumber: maskIdNumber(row.id_number),
    birthDate: row.birth_date,
    issuer: await issuerOf(db, row.region_path),
    verifyPath: `/verify/${row.certificate_code}`,
  };
}
