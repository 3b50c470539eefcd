import type { Db } from '../../db/database';
import { reverse } from './person-keys';

/** What the identity rules need of a person. */
export interface IdentityRow {
  id: string;
  name: string;
  name_key: string | null;
  id_number: string | null;
  phone: string | null;
  region_path: string;
}

const COLUMNS = ['id', 'name', 'name_key', 'id_number', 'phone', 'region_path'] as const;

/** Persons holding one of the ID numbers (one seek each on the unique index). */
export async function personsByIdNumbers(db: Db, idNumbers: string[]): Promise<IdentityRow[]> {
  const found: IdentityRow[] = [];
  for (let i = 0; i < idNumbers.length; i += 500) {
    found.push(
      ...(await db
        .selectFrom('persons')
        .select(COLUMNS)
        .where('id_number', 'in', idNumbers.slice(i, i + 500))
        .execute()),
    );
  }
  return found;
}

/** Active persons with one of the phones, through the reversed-phone index; oldest first. */
export async function activePersonsByPhones(db: Db, phones: string[]): Promise<IdentityRow[]> {
  const found: IdentityRow[] = [];
  for (let i = 0; i < phones.length; i += 500) {
    found.push(
      ...(await db
        .selectFrom('persons')
        .select(COLUMNS)
        .where('phone_rev', 'in', phones.slice(i, i + 500).map(reverse))
        .where('status', '=', 'active')
        .orderBy('id')
        .execute()),
    );
  }
  return found;
}
