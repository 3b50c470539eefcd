import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { GLOBAL_SCOPE, scopeOf } from '../../access/scope';
import type { PledgeAssignInput } from '../../../shared/pledges';
import { audit } from '../audit';
import { codesOfPath, findRegionsByCodes } from '../regions';
import { findPersonInScope } from '../residents';
import { assignToShift } from '../checkpoints';
import { reportAndAssignPost } from '../party';
import { updatePledge } from './pledges.repository';
import { getPledge } from './pledges.service';

/** The village or community (village-level region) the person is registered in, if any. */
async function homeCommunity(db: Db, personId: string) {
  const person = await findPersonInScope(db, GLOBAL_SCOPE, personId);
  if (!person) return undefined;
  const regions = await findRegionsByCodes(db, codesOfPath(person.region_path));
  return regions.find((r) => r.level === 'village');
}

/**
 * Turn a pledge into an assignment in one action, recorded on the pledge (once): a 报到 post in the
 * signer's community — a party member is reported there (source 'pledge') and given the post — or a
 * checkpoint shift, through checkpoints' assignToShift (by the registry person when they are in the
 * actor's jurisdiction, else by name).
 */
export async function turnIntoAssignment(db: Db, clock: Clock, actor: Actor, id: string, input: PledgeAssignInput) {
  const scope = scopeOf(actor);
  const pledge = await getPledge(db, scope, id);
  if (pledge.assignment_kind) throw new AppError('PLEDGE_ALREADY_ASSIGNED');
  const record = async (trx: Db, ref: string) => {
    const at = clock.now().toISOString();
    await updatePledge(trx, id, {
      assignment_kind: input.kind,
      assignment_ref: ref,
      assignment_note: input.note ?? null,
      assigned_at: at,
      assigned_by: actor.id,
    });
    await audit(trx, clock, actor, {
      action: 'pledge.assign',
      entityType: 'pledge',
      entityId: id,
      regionPath: pledge.region_path,
      details: { kind: input.kind, ref },
    });
  };
  if (input.kind === 'shift') {
    const inScope = await findPersonInScope(db, scope, pledge.person_id);
    const assignmentId = await assignToShift(
      db,
      clock,
      actor,
      input.shiftId,
      inScope ? { personId: inScope.id } : { name: pledge.name },
    );
    await db.transaction().execute((trx) => record(trx, assignmentId));
  } else {
    const community = await homeCommunity(db, pledge.person_id);
    if (!community) throw new AppError('PLEDGE_SIGNER_NO_COMMUNITY');
    await db.transaction().execute(async (trx) => {
      const reportId = await reportAndAssignPost(trx, clock, actor, {
        personId: pledge.person_id,
        communityId: community.id,
        post: input.post,
        note: input.note,
      });
      if (!reportId) throw new AppError('PLEDGE_SIGNER_NOT_MEMBER');
      await record(trx, reportId);
    });
  }
  return getPledge(db, scope, id);
}
