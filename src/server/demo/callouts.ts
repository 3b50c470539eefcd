import type { Db } from '../db/database';
import { ManualClock, addDays, localDay, localDayStartMs, type Clock } from '../clock';
import type { Actor } from '../access/actor';
import { subtreeCondition } from '../access/scope';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import { PartyMemberQuery } from '../../shared/party';
import type { Skill, TeamKind } from '../../shared/callouts';
import { listPartyMembers } from '../features/party';
import {
  answerByLink,
  closeCallout,
  deliverOutbox,
  insertTeamMembers,
  insertTeams,
  issueCallout,
} from '../features/callouts';
import { Rng } from './random';

/**
 * Commando teams and call-outs in the demo county: two teams per township (a 党员突击队 of party
 * members — from party's demo when it is there, else the township's residents — and an 应急小分队),
 * ~30 in all; and a few call-outs over the past three days with realistic answers: most acknowledge
 * within minutes and arrive within the quarter hour, some decline with a reason, some stay silent,
 * and one team completes late (its last member arrives after 22 minutes). Past call-outs are
 * closed; their SMS are marked sent (links redacted), as the drain loop would have.
 */
export interface CalloutsDemoSummary {
  teams: number;
  members: number;
  callouts: number;
  orders: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SKILLS: Skill[] = ['driver', 'medical', 'interpreter', 'disinfection', 'psychological'];
const REASONS = ['正在卡口值班', '家中老人需要照顾', '在外地未返回', '身体不适', '正在隔离点值守', '孩子无人看护'];
const POINTS = ['镇政府院内', '高速出口卡点', '卫生院门口', '村委会广场', '镇中学操场', '集贸市场东口'];

export async function buildCalloutsDemo(db: Db, clock: Clock, timeZone: string): Promise<CalloutsDemoSummary> {
  const summary: CalloutsDemoSummary = { teams: 0, members: 0, callouts: 0, orders: 0 };
  const command = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.region_id', 'regions.path'])
    .where('users.username', '=', 'command')
    .executeTakeFirst();
  if (!command) return summary;
  const actor: Actor = {
    id: command.id,
    username: command.username,
    displayName: command.display_name,
    role: 'command',
    regionId: command.region_id,
    regionPath: command.path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
  const rng = new Rng(20200127);
  const now = clock.now();
  const created = new Date(now.getTime() - 5 * 24 * HOUR).toISOString();
  const townships = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();

  const teamsByTownship: { id: string; name: string; township: string }[] = [];
  const teamRows: Parameters<typeof insertTeams>[1][number][] = [];
  const memberRows: Parameters<typeof insertTeamMembers>[1][number][] = [];
  for (const township of townships) {
    const people = await membersFor(db, township.path);
    if (people.length < 6) continue;
    const halves = [people.slice(0, Math.ceil(people.length / 2)), people.slice(Math.ceil(people.length / 2))];
    for (const [n, [kind, suffix]] of (
      [
        ['commando', '党员突击队'],
        ['emergency', '应急小分队'],
      ] as [TeamKind, string][]
    ).entries()) {
      const teamId = uuidv7(Date.parse(created));
      const first = Math.floor(rng.next() * SKILLS.length);
      const skills = [0, 1, 2].slice(0, 2 + (n % 2)).map((k) => SKILLS[(first + k) % SKILLS.length]!);
      teamRows.push({
        id: teamId,
        region_id: township.id,
        region_path: township.path,
        name: `${township.name}${suffix}`,
        kind,
        skills: skills.join(','),
        note: kind === 'commando' ? '接到命令 15 分钟内集结' : null,
        status: 'active',
        created_by: actor.id,
        created_at: created,
        updated_at: created,
      });
      teamsByTownship.push({ id: teamId, name: `${township.name}${suffix}`, township: township.id });
      for (const [i, p] of halves[n]!.entries())
        memberRows.push({
          id: uuidv7(Date.parse(created)),
          team_id: teamId,
          person_id: p.id,
          region_path: township.path,
          role: i === 0 ? 'leader' : 'member',
          skills: skills.filter(() => rng.next() < 0.4).join(','),
          created_at: created,
        });
    }
  }
  await db.transaction().execute(async (trx) => {
    await insertTeams(trx, teamRows);
    await insertTeamMembers(trx, memberRows);
  });
  summary.teams = teamRows.length;
  summary.members = memberRows.length;

  // a few call-outs over the past three days; the third is the team that completes late
  const today = localDay(now, timeZone);
  const plan = [
    { day: -3, hour: 9.5, late: false },
    { day: -2, hour: 14.25, late: false },
    { day: -2, hour: 21, late: true },
    { day: -1, hour: 7.75, late: false },
    { day: -1, hour: 16.5, late: false },
  ];
  const silentLog = () => {};
  for (const [i, p] of plan.entries()) {
    const team = teamsByTownship[(i * 7) % teamsByTownship.length];
    if (!team) break;
    const orderedAt = localDayStartMs(addDays(today, p.day), timeZone) + p.hour * HOUR;
    if (orderedAt > now.getTime() - 2 * HOUR) continue;
    const at = new ManualClock(new Date(orderedAt));
    let issued: Awaited<ReturnType<typeof issueCallout>>;
    try {
      issued = await issueCallout(
        db,
        at,
        actor,
        { teamId: team.id, includeBusy: false, meetingPoint: POINTS[i % POINTS.length]!, deadlineMinutes: 15 },
        { linkBase: 'http://localhost:3000', timeZone },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CALLOUT_NOBODY') continue;
      throw err;
    }
    await deliverOutbox(db, at, { send: async () => silentLog() });
    summary.callouts++;
    summary.orders += issued.links.length;
    // each person's answers, in time order across the team
    const events: { ms: number; token: string; body: Parameters<typeof answerByLink>[3] }[] = [];
    for (const [n, link] of issued.links.entries()) {
      const roll = rng.next();
      const ack = (0.5 + rng.next() * 5) * MINUTE;
      if (p.late) {
        // everyone comes; the last one arrives after 22 minutes
        const arrive = n === issued.links.length - 1 ? 22 * MINUTE : (7 + rng.next() * 7) * MINUTE;
        events.push({ ms: ack, token: link.token, body: { answer: 'coming' } });
        events.push({ ms: Math.max(arrive, ack + MINUTE), token: link.token, body: { answer: 'arrived' } });
      } else if (roll < 0.72) {
        const late = rng.next() < 0.2;
        const eta = 10 + Math.floor(rng.next() * 12);
        events.push({
          ms: ack,
          token: link.token,
          body: late ? { answer: 'late', etaMinutes: eta } : { answer: 'coming' },
        });
        const arrive = late ? (eta + 2 + rng.next() * 4) * MINUTE : (6 + rng.next() * 8) * MINUTE;
        events.push({ ms: Math.max(arrive, ack + MINUTE), token: link.token, body: { answer: 'arrived' } });
      } else if (roll < 0.86) {
        events.push({ ms: ack, token: link.token, body: { answer: 'cannot', reason: rng.pick(REASONS) } });
      }
      // else: silent
    }
    events.sort((a, b) => a.ms - b.ms);
    for (const e of events) {
      at.set(new Date(orderedAt + e.ms));
      await answerByLink(db, at, e.token, e.body);
    }
    at.set(new Date(orderedAt + HOUR));
    await closeCallout(db, at, actor, issued.callout.id);
  }
  return summary;
}

/** Up to 24 people of a township for its two teams: its party members first, then residents with a mobile. */
async function membersFor(db: Db, path: string): Promise<{ id: string }[]> {
  const members = await listPartyMembers(db, { prefix: path }, PartyMemberQuery.parse({ limit: 24 }));
  const picked = new Map(members.slice(0, 24).map((m) => [m.person_id, { id: m.person_id }]));
  if (picked.size < 24) {
    // no party members yet (party's demo not built): the township's residents stand in
    const residents = await db
      .selectFrom('persons')
      .select('id')
      .where((eb) => subtreeCondition(eb, 'region_path', path))
      .where('phone', 'is not', null)
      .orderBy('id')
      .limit(48)
      .execute();
    for (const r of residents) if (picked.size < 24 && !picked.has(r.id)) picked.set(r.id, { id: r.id });
  }
  return [...picked.values()];
}
