import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskIdNumber } from '../../../shared/validators';
import type { Case, CaseChange, CaseInput } from '../../../shared/tracing';
import { audit } from '../audit';
import { raiseAlert } from '../alerts';
import { getPerson, setTags } from '../residents';
import {
  type CaseRow,
  findCaseIdOfPerson,
  findCaseInScope,
  findSourceCaseOfContact,
  insertCase,
  insertCaseHistory,
  listCaseHistory,
  updateCase,
} from './cases.repository';

/** Who records cases, traces contacts and publishes seek notices: the command centre and townships. */
export const ROLES_THAT_TRACE = ['admin', 'command', 'township'] as const;

export async function getCase(db: Db, scope: Scope, id: string): Promise<CaseRow> {
  const row = await findCaseInScope(db, scope, id);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  return row;
}

export function toCase(r: CaseRow): Case {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    sex: r.sex,
    birthDate: r.birth_date,
    idNumber: maskIdNumber(r.id_number),
    householdId: r.household_id,
    address: r.address ?? null,
    regionPath: r.region_path,
    regionName: r.region_name ?? null,
    classification: r.classification,
    outcome: r.outcome,
    onsetDate: r.onset_date,
    reportDate: r.report_date,
    treatedAt: r.treated_at,
    note: r.note,
    sourceCaseId: r.source_case_id,
    generation: r.generation,
    contacts: Number(r.contact_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const LABEL: Record<string, string> = {
  suspected: '疑似病例',
  confirmed: '确诊病例',
  asymptomatic: '无症状感染者',
  excluded: '已排除',
};

/**
 * Record a case for a registered person (one case per person). A person who was an accepted
 * contact of an earlier case becomes its next generation, which is what draws the chain. The
 * command centre is alerted at once; the person is tagged as a key person.
 */
export async function createCase(db: Db, clock: Clock, actor: Actor, input: CaseInput): Promise<CaseRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const person = await getPerson(trx, actor, input.personId);
    const existing = await findCaseIdOfPerson(trx, person.id);
    if (existing) throw new AppError('CASE_EXISTS', { caseId: existing });
    if (input.onsetDate && input.onsetDate > input.reportDate) throw new AppError('CASE_DATES_INVALID');
    const source = await findSourceCaseOfContact(trx, person.id);
    const now = clock.now();
    const caseId = uuidv7(now.getTime());
    await insertCase(trx, {
      id: caseId,
      person_id: person.id,
      region_path: person.region_path,
      classification: input.classification,
      outcome: input.outcome,
      onset_date: input.onsetDate ?? null,
      report_date: input.reportDate,
      treated_at: input.treatedAt ?? null,
      note: input.note ?? null,
      source_case_id: source?.id ?? null,
      generation: source ? source.generation + 1 : 1,
      created_by: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await insertCaseHistory(trx, {
      id: uuidv7(now.getTime()),
      case_id: caseId,
      region_path: person.region_path,
      at: now.toISOString(),
      actor_id: actor.id,
      actor_name: actor.displayName,
      changes: JSON.stringify({
        classification: { from: null, to: input.classification },
        outcome: { from: null, to: input.outcome },
        reportDate: { from: null, to: input.reportDate },
        onsetDate: { from: null, to: input.onsetDate ?? null },
      }),
    });
    if (input.classification !== 'excluded')
      await setTags(trx, clock, person.id, person.region_path, ['key_person'], 'case', false);
    await raiseAlert(trx, clock, {
      kind: 'case',
      personId: person.id,
      regionPath: person.region_path,
      sourceType: 'case',
      sourceId: caseId,
      message: `新增${LABEL[input.classification]}：${person.name}（报告日期 ${input.reportDate}）`,
    });
    await audit(trx, clock, actor, {
      action: 'case.create',
      entityType: 'case',
      entityId: caseId,
      regionPath: person.region_path,
      details: { classification: input.classification },
    });
    return caseId;
  });
  return getCase(db, scope, id);
}

/** Change a case (suspected → confirmed, under treatment → cured …); every change is kept with who and when. */
export async function changeCase(db: Db, clock: Clock, actor: Actor, id: string, change: CaseChange): Promise<CaseRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getCase(trx, scope, id);
    const fields = {
      classification: 'classification',
      outcome: 'outcome',
      onsetDate: 'onset_date',
      reportDate: 'report_date',
      treatedAt: 'treated_at',
      note: 'note',
    } as const;
    const set: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, column] of Object.entries(fields) as [
      keyof typeof fields,
      (typeof fields)[keyof typeof fields],
    ][]) {
      const to = change[key];
      if (to === undefined || to === current[column]) continue;
      set[column] = to;
      changes[key] = { from: current[column], to };
    }
    if (Object.keys(set).length === 0) return;
    const onset = (set.onset_date ?? current.onset_date) as string | null;
    if (onset && onset > ((set.report_date ?? current.report_date) as string)) throw new AppError('CASE_DATES_INVALID');
    const now = clock.now().toISOString();
    await updateCase(trx, id, { ...set, updated_at: now });
    await insertCaseHistory(trx, {
      id: uuidv7(),
      case_id: id,
      region_path: current.region_path,
      at: now,
      actor_id: actor.id,
      actor_name: actor.displayName,
      changes: JSON.stringify(changes),
    });
    if (changes.classification) {
      await raiseAlert(trx, clock, {
        kind: 'case',
        personId: current.person_id,
        regionPath: current.region_path,
        sourceType: 'case',
        sourceId: id,
        message: `${current.person_name}：${LABEL[String(changes.classification.from)]} → ${LABEL[String(changes.classification.to)]}`,
      });
    }
    await audit(trx, clock, actor, {
      action: 'case.change',
      entityType: 'case',
      entityId: id,
      regionPath: current.region_path,
      details: changes,
    });
  });
  return getCase(db, scope, id);
}

export async function caseHistory(db: Db, caseId: string) {
  const rows = await listCaseHistory(db, caseId);
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actor_name,
    changes: JSON.parse(r.changes) as Record<string, { from: unknown; to: unknown }>,
  }));
}
