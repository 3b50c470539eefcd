import type { Db } from '../../db/database';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { ChainGraph, Contact, ContactDecisions } from '../../../shared/tracing';
import { audit } from '../audit';
import { createEpisodes, type IsolationContext } from '../isolation';
import { findPersonInScope } from '../residents';
import { casesOfPersons, listCasesForChain } from './cases.repository';
import { getCase } from './cases.service';
import {
  findContactId,
  insertContact,
  latestEpisodesOf,
  listAcceptedContactsForChain,
  listContactsOfCaseInScope,
  personsIsolatedNow,
  updateContact,
} from './contacts.repository';
import { refreshSeekNoticesOfCase } from './seek-notices.service';

/**
 * Record the tracer's decisions on a case's contacts: accepted (a close or casual contact, with
 * how and when they were exposed) or rejected, in bulk. A decision can be changed later; the
 * last one stands. Accepted contacts join the found list of the case's open seek notices when
 * they were on that trip. With `isolate`, every accepted contact not already isolated goes into isolation
 * in the same action (those who cannot be isolated are listed with the reason).
 */
export async function decideContacts(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  caseId: string,
  input: ContactDecisions,
) {
  const scope = scopeOf(actor);
  const theCase = await getCase(db, scope, caseId);
  const accepted: string[] = [];
  await db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    const all = [
      ...input.accept.map((a) => ({ ...a, decision: 'accepted' as const })),
      ...input.reject.map((r) => ({ ...r, decision: 'rejected' as const })),
    ];
    for (const [i, d] of all.entries()) {
      if (d.personId === theCase.person_id)
        throw new AppError('VALIDATION', {
          issues: [{ path: ['accept', String(i), 'personId'], message: 'a case is not its own contact' }],
        });
      const person = await findPersonInScope(trx, scope, d.personId);
      if (!person)
        throw new AppError('PERSON_NOT_FOUND', {
          field: [d.decision === 'accepted' ? 'accept' : 'reject', String(i), 'personId'],
        });
      const columns =
        d.decision === 'accepted'
          ? {
              exposure_type: (d as ContactDecisions['accept'][number]).exposureType,
              exposure_date: (d as ContactDecisions['accept'][number]).exposureDate ?? null,
              closeness: (d as ContactDecisions['accept'][number]).closeness,
              source_type: (d as ContactDecisions['accept'][number]).sourceType ?? null,
              source_id: (d as ContactDecisions['accept'][number]).sourceId ?? null,
            }
          : {};
      const existing = await findContactId(trx, caseId, d.personId);
      if (existing) {
        await updateContact(trx, existing, { ...columns, decision: d.decision, note: d.note ?? null, updated_at: now });
      } else {
        await insertContact(trx, {
          id: uuidv7(),
          case_id: caseId,
          person_id: d.personId,
          region_path: person.region_path,
          exposure_type: 'other',
          exposure_date: null,
          closeness: 'close',
          source_type: null,
          source_id: null,
          ...columns,
          decision: d.decision,
          note: d.note ?? null,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        });
      }
      if (d.decision === 'accepted') accepted.push(d.personId);
    }
    // the case's open seek notices count the accepted contacts who were on that trip (added by hand too)
    if (accepted.length) await refreshSeekNoticesOfCase(trx, ctx.clock, caseId);
    await audit(trx, ctx.clock, actor, {
      action: 'case.contacts',
      entityType: 'case',
      entityId: caseId,
      regionPath: theCase.region_path,
      details: { accepted: input.accept.length, rejected: input.reject.length },
    });
  });
  let isolated: { personId: string; episodeId: string }[] = [];
  let notIsolated: { personId: string; code: string; message: string }[] = [];
  if (input.isolate && accepted.length) {
    const already = await personsIsolatedNow(db, accepted);
    const toIsolate = accepted.filter((p) => !already.has(p));
    if (toIsolate.length) {
      const result = await createEpisodes(db, ctx, actor, {
        personIds: toIsolate,
        kind: input.isolate.kind,
        siteId: input.isolate.siteId,
        reason: input.isolate.reason,
        observerId: input.isolate.observerId,
        reasonDetail: `${theCase.person_name} 的密切接触者`,
        slotsPerDay: 2,
        sourceType: 'contact',
        sourceId: caseId,
      });
      isolated = result.created;
      notIsolated = result.skipped;
    }
  }
  return { accepted: input.accept.length, rejected: input.reject.length, isolated, notIsolated };
}

/** A case's contacts with their isolation now, and whether they became cases themselves. */
export async function contactsOf(db: Db, scope: Scope, caseId: string): Promise<Contact[]> {
  const rows = await listContactsOfCaseInScope(db, scope, caseId);
  const ids = rows.map((r) => r.person_id);
  const latest = await latestEpisodesOf(db, ids);
  const cases = await casesOfPersons(db, ids);
  const caseOf = new Map(cases.map((c) => [c.person_id, c.id]));
  return rows.map((r) => {
    const e = latest.get(r.person_id);
    return {
      id: r.id,
      caseId: r.case_id,
      personId: r.person_id,
      name: r.name,
      idNumber: maskIdNumber(r.id_number),
      phone: maskPhone(r.phone),
      regionName: r.region_name ?? null,
      exposureType: r.exposure_type as Contact['exposureType'],
      exposureDate: r.exposure_date,
      closeness: r.closeness,
      decision: r.decision,
      sourceType: r.source_type,
      sourceId: r.source_id,
      note: r.note,
      isolation: e ? { episodeId: e.id, status: e.status, kind: e.kind, plannedEndDay: e.planned_end_day } : null,
      caseId2: caseOf.get(r.person_id) ?? null,
      createdAt: r.created_at,
    };
  });
}

/**
 * The transmission chain (传播链) in scope: every case, linked to the case it came from, and every
 * accepted contact hanging off its case; clusters are the connected groups. With `caseId`, only
 * that case's cluster. At most 2,000 nodes.
 */
export async function chainGraph(db: Db, scope: Scope, caseId?: string): Promise<ChainGraph> {
  const cases = await listCasesForChain(db, scope);
  const caseIds = cases.map((c) => c.id);
  const contacts = await listAcceptedContactsForChain(db, scope, caseIds);

  // Union–find over cases: a case and its source are one cluster.
  const parent = new Map(caseIds.map((id) => [id, id]));
  const find = (x: string): string => {
    const up = parent.get(x)!;
    if (up === x) return x;
    const root = find(up);
    parent.set(x, root);
    return root;
  };
  for (const c of cases)
    if (c.source_case_id && parent.has(c.source_case_id)) parent.set(find(c.id), find(c.source_case_id));
  const caseByPerson = new Map(cases.map((c) => [c.person_id, c]));
  const clusterIds = new Map<string, number>();
  const clusterOf = (id: string) => {
    const root = find(id);
    if (!clusterIds.has(root)) clusterIds.set(root, clusterIds.size + 1);
    return clusterIds.get(root)!;
  };
  const wanted = caseId ? clusterOf(caseId) : null;
  const nodes: ChainGraph['nodes'] = [];
  const links: ChainGraph['links'] = [];
  for (const c of cases) {
    const cluster = clusterOf(c.id);
    if (wanted !== null && cluster !== wanted) continue;
    nodes.push({
      id: c.id,
      personId: c.person_id,
      name: c.name,
      kind: 'case',
      classification: c.classification,
      generation: c.generation,
      cluster,
    });
    if (c.source_case_id && parent.has(c.source_case_id))
      links.push({ source: c.source_case_id, target: c.id, exposureType: 'other' });
  }
  for (const k of contacts) {
    const cluster = clusterOf(k.case_id);
    if (wanted !== null && cluster !== wanted) continue;
    const asCase = caseByPerson.get(k.person_id);
    if (asCase) {
      // The contact became a case: the link goes to that case's node, typed by the exposure.
      const link = links.find((l) => l.source === k.case_id && l.target === asCase.id);
      if (link) link.exposureType = k.exposure_type as ChainGraph['links'][number]['exposureType'];
      else
        links.push({
          source: k.case_id,
          target: asCase.id,
          exposureType: k.exposure_type as ChainGraph['links'][number]['exposureType'],
        });
      continue;
    }
    const generation = (cases.find((c) => c.id === k.case_id)?.generation ?? 1) + 1;
    nodes.push({
      id: k.id,
      personId: k.person_id,
      name: k.name,
      kind: 'contact',
      classification: null,
      generation,
      cluster,
    });
    links.push({
      source: k.case_id,
      target: k.id,
      exposureType: k.exposure_type as ChainGraph['links'][number]['exposureType'],
    });
  }
  return { nodes, links };
}
