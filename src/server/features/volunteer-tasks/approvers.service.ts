import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { listTeamMembers } from '../callouts';
import { groupsLedBy } from '../volunteers';
import { taskCreator } from './tasks.repository';

/** Who decides on hours: a cadre's account, or a volunteer leader from their personal link. */
export type Approver = { actor: Pick<Actor, 'id' | 'role'> } | { personId: string };

/**
 * Hours are approved by the team or site lead (issue 16), never by just anyone with a lead role:
 * - a volunteer leader (from their personal link) may decide on the hours of the members of a
 *   group they lead, of a task assigned to a group they lead, or of a task of a team they lead
 *   (队长);
 * - a cadre may decide on the hours of a task they assigned;
 * - an administrator or the command centre may decide on any hours of their jurisdiction (the
 *   caller has already found the hours in the actor's scope).
 * Nobody decides on their own hours. Refused otherwise with VOLUNTEER_HOURS_NOT_APPROVER.
 */
export async function assertMayDecide(
  db: Db,
  approver: Approver,
  h: { person_id: string; task_id: string | null; group_id: string | null; team_id: string | null },
): Promise<void> {
  if ('actor' in approver) {
    if (approver.actor.role === 'admin' || approver.actor.role === 'command') return;
    if (h.task_id && (await taskCreator(db, h.task_id)) === approver.actor.id) return;
    throw new AppError('VOLUNTEER_HOURS_NOT_APPROVER');
  }
  if (await leads(db, approver.personId, h)) return;
  throw new AppError('VOLUNTEER_HOURS_NOT_APPROVER');
}

/** Whether a person leads the volunteer's group, the task's group or the task's team (never their own hours). */
export async function leads(
  db: Db,
  personId: string,
  h: { person_id: string; group_id: string | null; team_id: string | null },
): Promise<boolean> {
  if (personId === h.person_id) throw new AppError('VOLUNTEER_HOURS_OWN');
  const groups = await groupsLedBy(db, personId);
  if (groups.some((g) => g.id === h.group_id || g.memberPersonIds.includes(h.person_id))) return true;
  if (h.team_id) {
    const members = await listTeamMembers(db, h.team_id);
    if (members.some((m) => m.person_id === personId && m.role === 'leader')) return true;
  }
  return false;
}
