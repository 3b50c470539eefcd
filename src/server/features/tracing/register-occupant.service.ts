import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { OccupantRef } from '../../../shared/tracing';
import { audit } from '../audit';
import { findOccupantsByRefs, linkOccupantToPerson } from '../checkpoints';
import { identifyPersons } from '../residents';

/**
 * One click from a contact candidate or a seek notice: a traveller the checkpoints recorded but
 * the registry does not know (no ID number, or recorded before phones linked) becomes a registry
 * person, and their checkpoint records — one traveller may have passed several — point at them.
 * The person is found or created by the residents' identity rules (ID number, else phone and name,
 * else a new person by name, marked 未核验身份), registered where the first checkpoint is.
 */
export async function registerOccupant(
  db: Db,
  clock: Clock,
  actor: Actor,
  refs: OccupantRef[],
): Promise<{ personId: string }> {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const rows = await findOccupantsByRefs(trx, refs);
    if (
      rows.length !== new Set(refs.map((r) => `${r.passageId}:${r.seq}`)).size ||
      rows.some((r) => !pathInScope(r.region_path, scope))
    ) {
      throw new AppError('NOT_FOUND');
    }
    const first = rows[0]!;
    if (rows.some((r) => r.person_id)) throw new AppError('OCCUPANT_ALREADY_REGISTERED');
    if (rows.some((r) => r.name !== first.name))
      throw new AppError('VALIDATION', {
        issues: [{ path: ['occupants'], message: 'the records are of different names: one traveller at a time' }],
      });
    const idNumber = rows.find((r) => r.id_number)?.id_number ?? null;
    const phone = rows.find((r) => r.phone)?.phone ?? null;
    const [person] = await identifyPersons(
      trx,
      clock,
      [
        {
          name: first.name,
          idNumber,
          phone,
          place: {
            regionId: first.region_id,
            regionPath: first.site_path,
            note: `追踪登记，曾经卡口：${first.site_name}`,
            source: 'tracing',
            tagFor: () => 'non_local',
          },
        },
      ],
      { registerNameOnly: true },
    );
    for (const r of rows) await linkOccupantToPerson(trx, r.passage_id, r.seq, person!.id);
    await audit(trx, clock, actor, {
      action: 'person.register_occupant',
      entityType: 'person',
      entityId: person!.id,
      regionPath: person!.region_path,
      details: { occupants: refs.length },
    });
    return { personId: person!.id };
  });
}
