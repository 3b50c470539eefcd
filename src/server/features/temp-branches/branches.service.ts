import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { maskPhone } from '../../../shared/validators';
import type {
  BranchInput,
  BranchMemberInput,
  BranchQuery,
  TempBranch,
  TempBranchDetail,
  TempBranchMember,
} from '../../../shared/temp-branches';
import { audit } from '../audit';
import { getSite } from '../checkpoints';
import { activeMembershipsOf, getPartyMember } from '../party';
import { getRegionInScope } from '../regions';
import { getCompound } from './compounds.service';
import {
  demoteSecretaries,
  findBranchInScope,
  findBranchMember,
  findIsolationSitePost,
  findServingMember,
  insertBranch,
  insertBranchMember,
  listBranchMembers,
  listBranchesInScope,
  openBranchAt,
  releaseMembers,
  updateBranch,
  updateBranchMember,
  type BranchRow,
} from './temp-branches.repository';

/**
 * A branch's post has ended when its checkpoint or isolation site is closed, or its compound's
 * region retired: the branch "ends when its post ends", so the list says "post ended, close it".
 */
export function postEnded(r: BranchRow): boolean {
  if (r.closed_at) return false;
  if (r.post_kind === 'checkpoint') return r.site_status === 'closed';
  if (r.post_kind === 'isolation_site') return r.isolation_site_status === 'closed';
  if (r.post_kind === 'compound') return r.region_status === 'retired';
  return false;
}

export function toBranch(r: BranchRow): TempBranch {
  return {
    id: r.id,
    name: r.name,
    postKind: r.post_kind,
    postName: r.site_name ?? r.isolation_site_name ?? r.compound_name ?? r.post_name ?? null,
    checkpointSiteId: r.checkpoint_site_id,
    isolationSiteId: r.isolation_site_id,
    compoundId: r.compound_id,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    foundedOn: r.founded_on,
    secretaryName: r.secretary_name ?? null,
    members: Number(r.members ?? 0),
    status: r.closed_at ? 'closed' : 'open',
    postEnded: postEnded(r),
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    note: r.note,
  };
}

export async function getBranch(db: Db, scope: Scope, id: string): Promise<BranchRow> {
  const row = await findBranchInScope(db, scope, id);
  if (!row) throw new AppError('TEMP_BRANCH_NOT_FOUND');
  return row;
}

async function getOpenBranch(db: Db, scope: Scope, id: string): Promise<BranchRow> {
  const row = await getBranch(db, scope, id);
  if (row.closed_at) throw new AppError('TEMP_BRANCH_CLOSED');
  return row;
}

export async function listBranches(db: Db, scope: Scope, q: BranchQuery) {
  return listBranchesInScope(db, scope, {
    status: q.status,
    postKind: q.postKind,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A branch with the members serving in it, secretary first: their home branch and category from party. */
export async function branchDetail(db: Db, scope: Scope, id: string): Promise<TempBranchDetail> {
  const branch = await getBranch(db, scope, id);
  const rows = await listBranchMembers(db, id);
  const memberships = new Map(
    (
      await activeMembershipsOf(
        db,
        rows.map((r) => r.person_id),
      )
    ).map((m) => [m.person_id, m]),
  );
  const members: TempBranchMember[] = rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    phone: maskPhone(r.phone),
    role: r.role,
    homeBranch: memberships.get(r.person_id)?.organisation_name ?? null,
    category: memberships.get(r.person_id)?.category ?? null,
    joinedAt: r.joined_at,
  }));
  return { branch: toBranch(branch), members };
}

/** Where a new branch stands: the post's region (its jurisdiction) and the post's link. */
async function postOf(trx: Db, scope: Scope, input: BranchInput) {
  const none = { checkpoint_site_id: null, isolation_site_id: null, compound_id: null, post_name: null };
  switch (input.postKind) {
    case 'checkpoint': {
      const site = await getSite(trx, scope, input.checkpointSiteId!);
      if (site.status === 'closed') throw new AppError('TEMP_BRANCH_POST_CLOSED');
      if (await openBranchAt(trx, { checkpointSiteId: site.id })) throw new AppError('TEMP_BRANCH_EXISTS');
      return { ...none, checkpoint_site_id: site.id, region_id: site.region_id, region_path: site.region_path };
    }
    case 'isolation_site': {
      const site = await findIsolationSitePost(trx, scope, input.isolationSiteId!);
      if (!site) throw new AppError('ISOLATION_SITE_NOT_FOUND');
      if (site.status === 'closed') throw new AppError('TEMP_BRANCH_POST_CLOSED');
      return { ...none, isolation_site_id: site.id, region_id: site.region_id, region_path: site.region_path };
    }
    case 'compound': {
      const compound = await getCompound(trx, scope, input.compoundId!);
      if (await openBranchAt(trx, { compoundId: compound.id })) throw new AppError('TEMP_BRANCH_EXISTS');
      return { ...none, compound_id: compound.id, region_id: compound.region_id, region_path: compound.region_path };
    }
    default: {
      const region = await getRegionInScope(trx, scope, input.regionId!);
      return { ...none, post_name: input.postName!, region_id: region.id, region_path: region.path };
    }
  }
}

async function addMember(
  trx: Db,
  clock: Clock,
  actor: Actor,
  branch: { id: string; region_path: string },
  input: BranchMemberInput,
): Promise<string> {
  const member = await getPartyMember(trx, scopeOf(actor), input.partyMemberId);
  if (await findServingMember(trx, branch.id, member.person_id)) throw new AppError('TEMP_BRANCH_MEMBER_EXISTS');
  const now = clock.now();
  if (input.role === 'secretary') {
    await demoteSecretaries(trx, branch.id);
    await updateBranch(trx, branch.id, { secretary_person_id: member.person_id });
  }
  const id = uuidv7(now.getTime());
  await insertBranchMember(trx, {
    id,
    branch_id: branch.id,
    person_id: member.person_id,
    region_path: branch.region_path,
    role: input.role,
    joined_at: now.toISOString(),
    left_at: null,
  });
  await updateBranch(trx, branch.id, { updated_at: now.toISOString() });
  await audit(trx, clock, actor, {
    action: 'temp_branch.member_add',
    entityType: 'temp_branch',
    entityId: branch.id,
    regionPath: branch.region_path,
    details: { memberId: id, personId: member.person_id, partyMemberId: member.id, role: input.role },
  });
  return id;
}

/**
 * Set up a temporary branch (临时党支部) at a post of the jurisdiction. A checkpoint or a compound
 * has at most one open branch; a closed site takes none. The secretary, if given, is its first member.
 */
export async function setUpBranch(db: Db, clock: Clock, actor: Actor, input: BranchInput): Promise<BranchRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const post = await postOf(trx, scope, input);
    const now = clock.now();
    const branchId = uuidv7(now.getTime());
    await insertBranch(trx, {
      id: branchId,
      name: input.name,
      post_kind: input.postKind,
      ...post,
      founded_on: input.foundedOn,
      secretary_person_id: null,
      note: input.note ?? null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
      created_by: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'temp_branch.set_up',
      entityType: 'temp_branch',
      entityId: branchId,
      regionPath: post.region_path,
      details: { name: input.name, postKind: input.postKind, foundedOn: input.foundedOn },
    });
    if (input.secretaryMemberId)
      await addMember(
        trx,
        clock,
        actor,
        { id: branchId, region_path: post.region_path },
        {
          partyMemberId: input.secretaryMemberId,
          role: 'secretary',
        },
      );
    return branchId;
  });
  return getBranch(db, scope, id);
}

/** Add a party member (from any branch; they keep their home branch) to an open branch. */
export async function addBranchMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  branchId: string,
  input: BranchMemberInput,
): Promise<TempBranchDetail> {
  await db.transaction().execute(async (trx) => {
    const branch = await getOpenBranch(trx, scopeOf(actor), branchId);
    await addMember(trx, clock, actor, branch, input);
  });
  return branchDetail(db, scopeOf(actor), branchId);
}

/** A member leaves the branch (the row is kept with left_at); a leaving secretary leaves the post empty. */
export async function removeBranchMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  branchId: string,
  memberId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const branch = await getOpenBranch(trx, scopeOf(actor), branchId);
    const member = await findBranchMember(trx, branchId, memberId);
    if (!member) throw new AppError('TEMP_BRANCH_MEMBER_NOT_FOUND');
    const now = clock.now().toISOString();
    await updateBranchMember(trx, memberId, { left_at: now });
    await updateBranch(trx, branchId, {
      ...(member.role === 'secretary' ? { secretary_person_id: null } : {}),
      updated_at: now,
    });
    await audit(trx, clock, actor, {
      action: 'temp_branch.member_remove',
      entityType: 'temp_branch',
      entityId: branchId,
      regionPath: branch.region_path,
      details: { memberId, personId: member.person_id },
    });
  });
}

/** Close (撤销) a branch: its members leave; the rows stay for the record. */
export async function closeBranch(
  db: Db,
  clock: Clock,
  actor: Actor,
  branchId: string,
  reason: string,
): Promise<BranchRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const branch = await getOpenBranch(trx, scope, branchId);
    const now = clock.now().toISOString();
    await updateBranch(trx, branchId, { closed_at: now, closed_by: actor.id, close_reason: reason, updated_at: now });
    await releaseMembers(trx, branchId, now);
    await audit(trx, clock, actor, {
      action: 'temp_branch.close',
      entityType: 'temp_branch',
      entityId: branchId,
      regionPath: branch.region_path,
      details: { reason, postEnded: postEnded(branch) },
    });
  });
  return getBranch(db, scope, branchId);
}
