import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import type {
  AssignPostInput,
  CadreReportInput,
  PartyReport,
  PartyReportQuery,
  ReportInInput,
  ReportInResult,
  ReportingLink,
  ReportingLinkView,
} from '../../../shared/reporting';
import { audit } from '../audit';
import { ancestorsOf, findRegionById, getRegionInScope, type RegionRow } from '../regions';
import { personKeys, findPersonInScope } from '../residents';
import { assignToShift, getSite } from '../checkpoints';
import {
  findLinkBySlug,
  findLinkOfRegion,
  findReportInScope,
  findReportOfMember,
  findRollEntryByIdNumber,
  insertLink,
  insertReport,
  insertReportHistory,
  listReportsInScope,
  rollEntriesOfPersons,
  updateReport,
  type PartyReportRow,
} from './reporting.repository';

type Source = 'self' | 'cadre' | 'pledge';
interface Community {
  id: string;
  path: string;
  name: string;
}

/** A report as lists show it: ID number and phone masked (revealing either is audited). */
export function toPartyReport(r: PartyReportRow): PartyReport {
  return {
    id: r.id,
    memberId: r.member_id,
    personId: r.person_id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    phone: maskPhone(r.phone),
    organisationName: r.organisation_name,
    unitName: r.unit_name,
    communityId: r.region_id,
    communityName: r.community_name,
    regionPath: r.region_path,
    source: r.source,
    post: r.post,
    postNote: r.post_note,
    siteId: r.site_id,
    siteName: r.site_name ?? null,
    shiftAssignmentId: r.shift_assignment_id,
    onPostAt: r.on_post_at,
    reportedAt: r.reported_at,
    updatedAt: r.updated_at,
  };
}

function asCommunity(region: RegionRow): Community {
  if (region.level !== 'village' || region.status !== 'active') throw new AppError('REPORTING_NOT_A_COMMUNITY');
  return { id: region.id, path: region.path, name: region.name };
}

/**
 * Who this is on the party roll: the member with this ID number, the same name and — when the roll
 * has a phone and one is given — the same phone. Anything else is REPORTING_NOT_ON_ROLL, one answer
 * for every mismatch (the page must not tell a stranger which part was wrong). Only members of unit
 * branches report to where they live: a village or community branch's members serve there already.
 */
async function memberOnRoll(db: Db, input: { name: string; idNumber: string; phone?: string | null }) {
  if (input.idNumber.length !== 18 || idCardProblem(input.idNumber))
    throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
  const entry = await findRollEntryByIdNumber(db, input.idNumber);
  const sameName = entry && personKeys(entry.name, null, null).name_key === personKeys(input.name, null, null).name_key;
  const samePhone = !entry?.phone || !input.phone || entry.phone === input.phone;
  if (!entry || !sameName || !samePhone) throw new AppError('REPORTING_NOT_ON_ROLL');
  if (entry.unit_type === 'village' || entry.unit_type === 'community') throw new AppError('REPORTING_NOT_UNIT_MEMBER');
  return entry;
}

/**
 * Record that a member reported to a community: one record per member. Reporting again to the same
 * community changes nothing; to another community moves the record (its post there ends) and the
 * history keeps both. Runs inside the caller's transaction.
 */
export async function recordReport(
  trx: Db,
  clock: Clock,
  actor: Actor | null,
  community: Community,
  member: { member_id: string; person_id: string },
  source: Source,
): Promise<{ reportId: string; outcome: ReportInResult['outcome'] }> {
  const now = clock.now();
  const at = now.toISOString();
  const existing = await findReportOfMember(trx, member.member_id);
  if (existing && existing.region_id === community.id) return { reportId: existing.id, outcome: 'already' };
  const reportId = existing?.id ?? uuidv7(now.getTime());
  if (existing)
    await updateReport(trx, reportId, {
      region_id: community.id,
      region_path: community.path,
      source,
      post: null,
      post_note: null,
      site_id: null,
      shift_assignment_id: null,
      on_post_at: null,
      reported_at: at,
      updated_at: at,
    });
  else
    await insertReport(trx, {
      id: reportId,
      member_id: member.member_id,
      person_id: member.person_id,
      region_id: community.id,
      region_path: community.path,
      source,
      post: null,
      post_note: null,
      site_id: null,
      shift_assignment_id: null,
      on_post_at: null,
      reported_at: at,
      created_by: actor?.id ?? null,
      updated_at: at,
    });
  await insertReportHistory(trx, {
    id: uuidv7(now.getTime()),
    report_id: reportId,
    member_id: member.member_id,
    action: existing ? 'moved' : 'reported',
    region_id: community.id,
    region_path: community.path,
    from_region_path: existing?.region_path ?? null,
    source,
    actor_id: actor?.id ?? null,
    at,
  });
  await audit(trx, clock, actor, {
    action: existing ? 'party_report.move' : 'party_report.create',
    entityType: 'party_report',
    entityId: reportId,
    regionPath: community.path,
    details: { memberId: member.member_id, source, from: existing?.region_path ?? null },
  });
  return { reportId, outcome: existing ? 'moved' : 'reported' };
}

/** The public page's header for a community's link; nothing private. */
export async function reportingLinkView(db: Db, slug: string): Promise<ReportingLinkView> {
  const link = await findLinkBySlug(db, slug);
  if (!link) throw new AppError('REPORTING_LINK_NOT_FOUND');
  const region = await findRegionById(db, link.region_id);
  const township = region ? (await ancestorsOf(db, region)).find((a) => a.level === 'township') : undefined;
  return { communityName: link.community_name, townshipName: township?.name ?? null };
}

/**
 * 报到 from the community's poster (no login): name, ID number and phone checked against the party
 * roll. Someone not on the roll is told so and nothing is stored.
 */
export async function reportInByLink(
  db: Db,
  clock: Clock,
  slug: string,
  input: ReportInInput,
): Promise<ReportInResult> {
  const link = await findLinkBySlug(db, slug);
  if (!link) throw new AppError('REPORTING_LINK_NOT_FOUND');
  const community = { id: link.region_id, path: link.region_path, name: link.community_name };
  return db.transaction().execute(async (trx) => {
    const entry = await memberOnRoll(trx, input);
    const { outcome } = await recordReport(trx, clock, null, community, entry, 'self');
    return { outcome, communityName: community.name };
  });
}

/** A cadre enters a member's report for a community of their jurisdiction (the member may belong anywhere). */
export async function reportInByCadre(db: Db, clock: Clock, actor: Actor, input: CadreReportInput) {
  const scope = scopeOf(actor);
  const community = asCommunity(await getRegionInScope(db, scope, input.communityId));
  const reportId = await db.transaction().execute(async (trx) => {
    const entry = await memberOnRoll(trx, input);
    return (await recordReport(trx, clock, actor, community, entry, 'cadre')).reportId;
  });
  return getPartyReport(db, scope, reportId);
}

/** A community's poster link: made once (a stable, unguessable slug), the same ever after. */
export async function communityLink(db: Db, clock: Clock, actor: Actor, regionId: string): Promise<ReportingLink> {
  const community = asCommunity(await getRegionInScope(db, scopeOf(actor), regionId));
  let link = await findLinkOfRegion(db, community.id);
  if (!link) {
    await db.transaction().execute(async (trx) => {
      await insertLink(trx, {
        id: uuidv7(),
        region_id: community.id,
        region_path: community.path,
        slug: randomBytes(16).toString('base64url'),
        created_by: actor.id,
        created_at: clock.now().toISOString(),
      });
      await audit(trx, clock, actor, {
        action: 'party_report.link',
        entityType: 'region',
        entityId: community.id,
        regionPath: community.path,
      });
    });
    link = (await findLinkOfRegion(db, community.id))!;
  }
  return { communityId: community.id, communityName: community.name, slug: link.slug, path: `/bd/${link.slug}` };
}

export async function getPartyReport(db: Db, scope: Scope, id: string): Promise<PartyReportRow> {
  const row = await findReportInScope(db, scope, id);
  if (!row) throw new AppError('PARTY_REPORT_NOT_FOUND');
  return row;
}

/** The jurisdiction's reports (a community's, when regionId names one), filtered by post and state. */
export async function listPartyReports(db: Db, scope: Scope, q: PartyReportQuery) {
  const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : undefined;
  return listReportsInScope(db, scope, {
    regionPath: region?.path,
    post: q.post,
    state: q.state,
    q: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/**
 * Put a reported member on a post (岗位). 卡口值守 may name a checkpoint site and one of its shifts:
 * the member is then put on that shift through checkpoints (a person in the jurisdiction by their
 * registry record, anyone else by name), so they appear on the site's roster.
 */
export async function assignPost(db: Db, clock: Clock, actor: Actor, id: string, input: AssignPostInput) {
  const scope = scopeOf(actor);
  const current = await getPartyReport(db, scope, id);
  if ((input.siteId || input.shiftId) && input.post !== 'checkpoint')
    throw new AppError('REPORTING_SHIFT_NEEDS_CHECKPOINT');
  const site = input.siteId ? await getSite(db, scope, input.siteId) : null;
  let assignmentId: string | null = null;
  if (input.shiftId) {
    const person = await findPersonInScope(db, scope, current.person_id);
    assignmentId = await assignToShift(
      db,
      clock,
      actor,
      input.shiftId,
      person ? { personId: person.id } : { name: current.name },
    );
  }
  await db.transaction().execute(async (trx) => {
    await updateReport(trx, id, {
      post: input.post,
      post_note: input.note ?? null,
      site_id: site?.id ?? null,
      shift_assignment_id: assignmentId,
      on_post_at: null,
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'party_report.assign',
      entityType: 'party_report',
      entityId: id,
      regionPath: current.region_path,
      details: { post: input.post, siteId: site?.id ?? null, shiftAssignmentId: assignmentId },
    });
  });
  return getPartyReport(db, scope, id);
}

/** 已到岗: the member is at their post (a post must have been given first). */
export async function markOnPost(db: Db, clock: Clock, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  const current = await getPartyReport(db, scope, id);
  if (!current.post)
    throw new AppError('VALIDATION', { issues: [{ path: ['post'], message: 'assign a post before marking arrival' }] });
  await db.transaction().execute(async (trx) => {
    const at = clock.now().toISOString();
    await updateReport(trx, id, { on_post_at: current.on_post_at ?? at, updated_at: at });
    await audit(trx, clock, actor, {
      action: 'party_report.on_post',
      entityType: 'party_report',
      entityId: id,
      regionPath: current.region_path,
    });
  });
  return getPartyReport(db, scope, id);
}

/** A reported member's full ID number or phone; every reveal is in the audit log. */
export async function revealPartyReport(db: Db, clock: Clock, actor: Actor, id: string, field: 'idNumber' | 'phone') {
  const row = await getPartyReport(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'party_report.reveal',
    entityType: 'party_report',
    entityId: id,
    regionPath: row.region_path,
    details: { field },
  });
  return { field, value: field === 'phone' ? row.phone : row.id_number };
}

/**
 * Put a registry person who is a party member on a 报到 post in a community of the actor's
 * jurisdiction in one step (a pledge turned into an assignment): they are reported there first
 * if they had not, or moved there. Undefined when the person is not a member. Runs in `trx`.
 */
export async function reportAndAssignPost(
  trx: Db,
  clock: Clock,
  actor: Actor,
  input: { personId: string; communityId: string; post: AssignPostInput['post']; note?: string | null },
): Promise<string | undefined> {
  const [entry] = await rollEntriesOfPersons(trx, [input.personId]);
  if (!entry) return undefined;
  const community = asCommunity(await getRegionInScope(trx, scopeOf(actor), input.communityId));
  const { reportId } = await recordReport(trx, clock, actor, community, entry, 'pledge');
  await updateReport(trx, reportId, {
    post: input.post,
    post_note: input.note ?? null,
    site_id: null,
    shift_assignment_id: null,
    on_post_at: null,
    updated_at: clock.now().toISOString(),
  });
  await audit(trx, clock, actor, {
    action: 'party_report.assign',
    entityType: 'party_report',
    entityId: reportId,
    regionPath: community.path,
    details: { post: input.post, from: 'pledge' },
  });
  return reportId;
}
