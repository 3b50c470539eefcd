import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { GLOBAL_SCOPE, type Scope } from '../../access/scope';
import type { BusyAt, CalloutCandidate, CalloutTargetsInput, Skill } from '../../../shared/callouts';
import { personsOnDutyBetween } from '../checkpoints';
import { getRegionInScope } from '../regions';
import { volunteersWithSkill } from '../volunteers';
import {
  personsInScopeForCallout,
  personsOnActiveCallouts,
  skilledTeamMembersIn,
  teamMembersForCallout,
} from './callouts.repository';
import { getTeam } from './teams.service';
import type { TeamRow } from './teams.repository';

/** A person a call-out reaches, with what the order and the SMS need. */
export interface Target {
  personId: string;
  name: string;
  phone: string | null;
  role: 'leader' | 'member' | null;
  skills: Skill[];
}

/**
 * Where "everyone with skill X in region Y" is looked up. The first source is the members of the
 * active teams based in the region (their skills are on the membership); the volunteers feature is
 * the second: its active volunteers with the skill who serve in the region (whatever
 * their weekly availability — a call-out is an emergency; the board shows who answers). Another
 * source is one more function with the same signature; persons found by several are listed once.
 */
const SKILL_SOURCES: ((
  db: Db,
  path: string,
  skill: Skill,
) => Promise<{ person_id: string; name: string; phone: string | null }[]>)[] = [
  skilledTeamMembersIn,
  skilledVolunteersIn,
];

/** Active volunteers with the skill serving in the region at `path`, with name and phone. */
async function skilledVolunteersIn(db: Db, path: string, skill: Skill) {
  const region = { prefix: path };
  return personsInScopeForCallout(db, region, await volunteersWithSkill(db, region, { skill, regionPath: path }));
}

const skillsOf = (text: string | null | undefined): Skill[] => (text ? (text.split(',') as Skill[]) : []);

/**
 * The ONE place that turns a call-out's target into persons, each once. The target is the team's
 * members plus everyone with `skill` in `skillRegionId` (a region of the jurisdiction) from
 * SKILL_SOURCES. Picked persons (`personIds`, what the commander left ticked in the preview) are
 * exactly those called — of the target, or any other person of the jurisdiction (a picked person
 * outside it is PERSON_NOT_FOUND).
 * Returns the team too (the call-out belongs to its base unless a meeting region is given).
 */
export async function resolveTargets(
  db: Db,
  scope: Scope,
  input: CalloutTargetsInput,
): Promise<{ team: TeamRow | undefined; skillRegion: { id: string; path: string } | undefined; targets: Target[] }> {
  const team = input.teamId ? await getTeam(db, scope, input.teamId) : undefined;
  const members = new Map((team ? await teamMembersForCallout(db, team.id) : []).map((m) => [m.person_id, m]));
  const skillRegion =
    input.skill && input.skillRegionId ? await getRegionInScope(db, scope, input.skillRegionId) : undefined;
  // the target itself: the team's members, plus everyone with the skill in the region
  const known = new Map<string, Target>();
  for (const [personId, m] of members)
    known.set(personId, { personId, name: m.name, phone: m.phone, role: m.role, skills: skillsOf(m.skills) });
  if (skillRegion && input.skill)
    for (const source of SKILL_SOURCES)
      for (const p of await source(db, skillRegion.path, input.skill))
        if (!known.has(p.person_id))
          known.set(p.person_id, {
            personId: p.person_id,
            name: p.name,
            phone: p.phone,
            role: null,
            skills: [input.skill],
          });
  const picked = [...new Set(input.personIds ?? [])];
  if (!picked.length) return { team, skillRegion, targets: [...known.values()] };
  // picked: exactly those, of the target or any other person of the jurisdiction
  const outsiders = picked.filter((personId) => !known.has(personId));
  const outsiderRows = await personsInScopeForCallout(db, scope, outsiders);
  if (outsiderRows.length !== outsiders.length) throw new AppError('PERSON_NOT_FOUND');
  for (const p of outsiderRows)
    known.set(p.person_id, { personId: p.person_id, name: p.name, phone: p.phone, role: null, skills: [] });
  const targets = new Map(picked.map((personId) => [personId, known.get(personId)!]));
  return { team, skillRegion, targets: [...targets.values()] };
}

/**
 * Of these persons, those busy elsewhere right now, and where: on a checkpoint duty shift that
 * covers `now` and that they have not checked out of (checkpoints' roster, county-wide — a person
 * cannot be at a barrier of another township and at the meeting point at once), or on another
 * call-out still open. Busy persons are not called unless the commander includes them.
 */
export async function busyElsewhere(db: Db, personIds: readonly string[], now: Date): Promise<Map<string, BusyAt>> {
  const busy = new Map<string, BusyAt>();
  if (!personIds.length) return busy;
  const at = now.toISOString();
  const wanted = new Set(personIds);
  for (const d of await personsOnDutyBetween(db, GLOBAL_SCOPE, at, at))
    if (d.person_id && wanted.has(d.person_id) && !d.checked_out_at)
      busy.set(d.person_id, { kind: 'duty', place: d.site_name, until: d.ends_at });
  for (const [personId, c] of await personsOnActiveCallouts(db, personIds, at))
    if (!busy.has(personId)) busy.set(personId, { kind: 'callout', place: c.meeting_point, until: c.deadline_at });
  return busy;
}

/** The preview of a call-out's target: each person once, those busy elsewhere marked with where. */
export async function previewTargets(
  db: Db,
  scope: Scope,
  now: Date,
  input: CalloutTargetsInput,
): Promise<CalloutCandidate[]> {
  const { targets } = await resolveTargets(db, scope, input);
  const busy = await busyElsewhere(
    db,
    targets.map((t) => t.personId),
    now,
  );
  return targets.map((t) => ({
    personId: t.personId,
    name: t.name,
    role: t.role ?? 'member',
    skills: t.skills,
    busy: busy.has(t.personId),
    busyAt: busy.get(t.personId) ?? null,
  }));
}
