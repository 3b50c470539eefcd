import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { idCardCheckChar } from '../../../shared/validators';

/**
 * A volunteer's personal link and who decides on hours (issue 16). 古陶镇 gives 东城村's volunteers
 * their links; they check themselves in and out on a phone, mark a task done with a note and a photo;
 * a forgotten check-in is closed by the 12-hour rule. Hours are decided by the group leader (from
 * his own link), the team leader, the cadre who assigned the task or the command centre — another
 * township cadre, a plain volunteer and anyone on their own hours are refused. A revoked, replaced
 * or expired link stops working. 段村镇 sees none of it.
 */
let t: TestApp;
let gutao: Client;
let gutao2: Client;
let duancun: Client;
let command: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const volunteers: Record<string, string> = {};
const tokens: Record<string, string> = {};
const state: Record<string, string> = {};
const window = { startsAt: '2020-01-25T08:00:00Z', endsAt: '2020-01-25T18:00:00Z' };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

const self = (name: string, rest = '') => `/api/public/volunteer-self/${tokens[name]}${rest}`;
const view = async (name: string) => {
  const res = await t.anonymous.get(self(name));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function snapshot() {
  const out = [];
  for (const table of ['volunteer_tasks', 'volunteer_hours', 'volunteer_self_links'] as const)
    out.push(await t.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(out);
}

/** The sessions expire while the test clock runs through the hours: log in again after a long jump. */
async function logInAgain() {
  [gutao, gutao2, duancun, command] = (await Promise.all(
    ['gutao', 'gutao2', 'duancun', 'command'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client];
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'gutao2', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  await logInAgain();
  const at = t.clock.now().toISOString();
  for (const [name, first17, phone] of [
    ['张志强', '14072819800101001', '13912340001'],
    ['李红梅', '14072819850202002', '13912340002'],
    ['王建国', '14072819900303003', '13912340003'],
    ['赵外人', '14072819910404004', '13912340004'],
  ] as const) {
    const res = await admin.post('/api/persons', {
      name,
      idNumber: id(first17),
      phone,
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    persons[name] = res.json().person.id;
    volunteers[name] = randomUUID();
    await t.db
      .insertInto('volunteers')
      .values({
        id: volunteers[name]!,
        person_id: persons[name]!,
        region_id: tree.dongcheng.id,
        region_path: tree.dongcheng.path,
        skills: 'disinfection',
        availability: '[]',
        health_declaration: null,
        health_declared_at: null,
        status: 'active',
        source: 'cadre',
        note: null,
        approved_by: null,
        approved_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  // 张志强 leads a group of three; 王建国 leads a team with 赵外人 on it (fixture rows)
  state.group = randomUUID();
  await t.db
    .insertInto('volunteer_groups')
    .values({
      id: state.group,
      status: 'active',
      region_id: tree.dongcheng.id,
      region_path: tree.dongcheng.path,
      name: '东城村第一志愿小组',
      leader_person_id: persons['张志强']!,
      note: null,
      disbanded_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.db
    .insertInto('volunteer_group_members')
    .values(
      (['张志强', '李红梅', '王建国'] as const).map((n) => ({
        group_id: state.group!,
        person_id: persons[n]!,
        region_path: tree.dongcheng.path,
        joined_at: at,
        left_at: null,
      })),
    )
    .execute();
  state.team = randomUUID();
  await t.db
    .insertInto('callout_teams')
    .values({
      id: state.team,
      region_id: tree.gutao.id,
      region_path: tree.gutao.path,
      name: '古陶镇消杀突击队',
      kind: 'volunteer',
      skills: 'disinfection',
      note: null,
      status: 'active',
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.db
    .insertInto('callout_team_members')
    .values(
      (
        [
          ['王建国', 'leader'],
          ['赵外人', 'member'],
        ] as const
      ).map(([n, role]) => ({
        id: randomUUID(),
        team_id: state.team!,
        person_id: persons[n]!,
        region_path: tree.gutao.path,
        role,
        skills: 'disinfection',
        created_at: at,
      })),
    )
    .execute();
});
afterAll(async () => t.close());

describe('the personal link', () => {
  it('is issued by a cadre of the jurisdiction and shown once: only its hash is stored', async () => {
    const other = await duancun.post(`/api/volunteers/${volunteers['李红梅']}/self-link`, { days: 7 });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('VOLUNTEER_NOT_FOUND');
    for (const name of Object.keys(persons)) {
      const res = await gutao.post(`/api/volunteers/${volunteers[name]}/self-link`, { days: 7 });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().path).toBe(`/vt/${res.json().token}`);
      tokens[name] = res.json().token;
    }
    const rows = await t.db.selectFrom('volunteer_self_links').selectAll().execute();
    expect(rows).toHaveLength(4);
    const hash = createHash('sha256').update(tokens['李红梅']!).digest('hex');
    expect(rows.some((r) => r.token_hash === hash)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(tokens['李红梅']);
    const page = await view('李红梅');
    expect(page).toMatchObject({ name: '李**', tasks: [], openCheckIn: null, recentHours: [], toDecide: [] });
  });

  it('lists the volunteer’s open tasks; they check in and out themselves; one open check-in at a time', async () => {
    const task = await gutao.post('/api/volunteer-tasks', {
      kind: 'posters',
      title: '张贴防控标语',
      regionId: tree.dongcheng.id,
      place: '东城村主街',
      ...window,
      assignee: { groupId: state.group },
    });
    expect(task.statusCode, task.body).toBe(201);
    state.groupTask = task.json().id;
    const page = await view('李红梅');
    expect(page.tasks.map((x: { title: string }) => x.title)).toEqual(['张贴防控标语']);
    // 赵外人 is not on the group's task: not found, whatever he tries
    const notMine = await t.anonymous.post(self('赵外人', '/check-in'), { taskId: state.groupTask });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('VOLUNTEER_TASK_NOT_FOUND');

    const inn = await t.anonymous.post(self('李红梅', '/check-in'), { taskId: state.groupTask });
    expect(inn.statusCode, inn.body).toBe(200);
    expect(inn.json().openCheckIn).toMatchObject({ taskId: state.groupTask });
    expect(inn.json().tasks[0].status).toBe('in_progress');
    const twice = await t.anonymous.post(self('李红梅', '/check-in'), { taskId: state.groupTask });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('VOLUNTEER_ALREADY_CHECKED_IN');
    t.clock.advance(2 * 3600_000);
    const out = await t.anonymous.post(self('李红梅', '/check-out'));
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().openCheckIn).toBeNull();
    expect(out.json().recentHours[0]).toMatchObject({ status: 'pending', minutes: 120, autoClosed: false });
    state.liHours = out.json().recentHours[0].id;
    const notIn = await t.anonymous.post(self('李红梅', '/check-out'));
    expect(notIn.json().error.code).toBe('VOLUNTEER_NOT_CHECKED_IN');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', state.liHours!)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['volunteer_hours.self_check_in', 'volunteer_hours.self_check_out']);
  });

  it('closes a check-in left open after 12 hours and flags it', async () => {
    await t.anonymous.post(self('王建国', '/check-in'), { taskId: state.groupTask });
    t.clock.advance(13 * 3600_000);
    const page = await view('王建国');
    expect(page.openCheckIn).toBeNull();
    expect(page.recentHours[0]).toMatchObject({ status: 'pending', minutes: 720, autoClosed: true });
    state.wangHours = page.recentHours[0].id;
    await logInAgain();
  });
});

describe('who decides on hours', () => {
  it('not another cadre of the township, nor a volunteer who leads nobody: nothing changes', async () => {
    const before = await snapshot();
    const cadre = await gutao2.post(`/api/volunteer-hours/${state.liHours}/decision`, { decision: 'approve' });
    expect(cadre.statusCode).toBe(403);
    expect(cadre.json().error.code).toBe('VOLUNTEER_HOURS_NOT_APPROVER');
    const plain = await t.anonymous.post(self('赵外人', `/hours/${state.liHours}/decision`), { decision: 'approve' });
    expect(plain.statusCode).toBe(403);
    expect(plain.json().error.code).toBe('VOLUNTEER_HOURS_NOT_APPROVER');
    const away = await duancun.post(`/api/volunteer-hours/${state.liHours}/decision`, { decision: 'approve' });
    expect(away.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('the group leader decides on his members’ hours from his own link, never on his own', async () => {
    const page = await view('张志强');
    expect(page.toDecide.map((h: { id: string }) => h.id).sort()).toEqual([state.liHours, state.wangHours].sort());
    expectAll(page.toDecide, (h: { name: string }) => h.name.includes('*'));
    const ok = await t.anonymous.post(self('张志强', `/hours/${state.liHours}/decision`), { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().toDecide.map((h: { id: string }) => h.id)).toEqual([state.wangHours]);
    const row = await t.db
      .selectFrom('volunteer_hours')
      .selectAll()
      .where('id', '=', state.liHours!)
      .executeTakeFirst();
    expect(row).toMatchObject({ status: 'approved', decided_by: null });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', state.liHours!)
      .where('action', '=', 'volunteer_hours.approve')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.details)).byLeader).toBe(persons['张志强']);

    // his own hours are not his to decide, and never offered to him
    await t.anonymous.post(self('张志强', '/check-in'), { taskId: state.groupTask });
    t.clock.advance(3600_000);
    const mine = (await t.anonymous.post(self('张志强', '/check-out'))).json().recentHours[0].id;
    expect((await view('张志强')).toDecide.map((h: { id: string }) => h.id)).not.toContain(mine);
    const own = await t.anonymous.post(self('张志强', `/hours/${mine}/decision`), { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('VOLUNTEER_HOURS_OWN');
    // the cadre who assigned the task may
    const byCreator = await gutao.post(`/api/volunteer-hours/${mine}/decision`, { decision: 'approve' });
    expect(byCreator.statusCode, byCreator.body).toBe(200);
  });

  it('the command centre may refuse flagged hours: the record stays, with its reason', async () => {
    const res = await command.post(`/api/volunteer-hours/${state.wangHours}/decision`, {
      decision: 'refuse',
      reason: '忘记签退，时长不实',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refused', refusalReason: '忘记签退，时长不实', autoClosed: true });
    expect((await view('王建国')).recentHours[0]).toMatchObject({ id: state.wangHours, status: 'refused' });
  });

  it('the team leader decides on the hours of his team’s task; the team’s member cannot', async () => {
    const task = await gutao2.post('/api/volunteer-tasks', {
      kind: 'disinfection',
      title: '农贸市场消杀',
      regionId: tree.dongcheng.id,
      place: '东城村农贸市场',
      ...window,
      assignee: { teamId: state.team },
    });
    expect(task.statusCode, task.body).toBe(201);
    await t.anonymous.post(self('赵外人', '/check-in'), { taskId: task.json().id });
    t.clock.advance(90 * 60_000);
    const hours = (await t.anonymous.post(self('赵外人', '/check-out'))).json().recentHours[0].id;
    const notCreator = await gutao.post(`/api/volunteer-hours/${hours}/decision`, { decision: 'approve' });
    expect(notCreator.json().error.code).toBe('VOLUNTEER_HOURS_NOT_APPROVER');
    const leader = await view('王建国');
    expect(leader.toDecide.map((h: { id: string }) => h.id)).toEqual([hours]);
    const ok = await t.anonymous.post(self('王建国', `/hours/${hours}/decision`), { decision: 'approve' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await view('赵外人')).recentHours[0]).toMatchObject({ id: hours, status: 'approved', minutes: 90 });
  });
});

describe('done from the phone', () => {
  it('marks the task done with a note (checking out first) and adds a photo checked by its bytes', async () => {
    const task = await gutao.post('/api/volunteer-tasks', {
      kind: 'home_help',
      title: '协助入户登记',
      regionId: tree.dongcheng.id,
      place: '东城村3组',
      ...window,
      assignee: { personId: persons['李红梅'] },
    });
    state.liTask = task.json().id;
    await t.anonymous.post(self('李红梅', '/check-in'), { taskId: state.liTask });
    t.clock.advance(45 * 60_000);
    const done = await t.anonymous.post(self('李红梅', `/tasks/${state.liTask}/done`), { note: '登记12户' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().openCheckIn).toBeNull();
    expect(done.json().tasks.map((x: { id: string }) => x.id)).not.toContain(state.liTask);
    expect(done.json().recentHours[0]).toMatchObject({ minutes: 45, status: 'pending' });
    const detail = (await gutao.get(`/api/volunteer-tasks/${state.liTask}`)).json();
    expect(detail.task).toMatchObject({ status: 'done', doneNote: '登记12户', hasPhoto: false });

    const put = (payload: Buffer, type = 'image/png', who = '李红梅') =>
      t.anonymous.request({
        method: 'POST',
        url: self(who, `/tasks/${state.liTask}/photo`),
        headers: { 'content-type': type },
        payload,
      });
    const fake = await put(Buffer.from('<svg onload=alert(1)>'.padEnd(64, ' ')));
    expect(fake.json().error.code).toBe('VOLUNTEER_PHOTO_TYPE');
    expect((await put(PNG, 'image/png', '赵外人')).json().error.code).toBe('VOLUNTEER_TASK_NOT_FOUND');
    const ok = await put(PNG);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await gutao.get(`/api/volunteer-tasks/${state.liTask}`)).json().task.hasPhoto).toBe(true);
  });
});

describe('task links and the pickers', () => {
  it('a gathering of another township is not found (404); one of the jurisdiction links', async () => {
    const theirs = await duancun.post('/api/gatherings', {
      regionId: tree.duancunVillage.id,
      occasion: 'wedding',
      hostName: '段喜事',
      date: '2020-01-28',
      expectedGuests: 150,
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const ours = await gutao.post('/api/gatherings', {
      regionId: tree.dongcheng.id,
      occasion: 'banquet',
      hostName: '东宴席',
      date: '2020-01-28',
      expectedGuests: 80,
    });
    expect(ours.statusCode, ours.body).toBe(201);
    const base = {
      kind: 'dissuade_gathering',
      title: '劝阻婚宴',
      regionId: tree.dongcheng.id,
      place: '东城村',
      ...window,
      assignee: { groupId: state.group },
    };
    const before = await snapshot();
    const away = await gutao.post('/api/volunteer-tasks', { ...base, gatheringId: theirs.json().id });
    expect(away.statusCode).toBe(404);
    expect(away.json().error.code).toBe('GATHERING_NOT_FOUND');
    const wrongKind = await gutao.post('/api/volunteer-tasks', {
      ...base,
      kind: 'posters',
      gatheringId: ours.json().id,
    });
    expect(wrongKind.json().error.code).toBe('VOLUNTEER_TASK_LINK_INVALID');
    expect(await snapshot()).toBe(before);
    const ok = await gutao.post('/api/volunteer-tasks', { ...base, gatheringId: ours.json().id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().gatheringId).toBe(ours.json().id);
  });

  it('scope walk: each picker’s search shows a township only its own rows', async () => {
    const searches = [
      ['/api/volunteer-groups?q=东城', '东城村第一志愿小组'],
      ['/api/callouts/teams?q=古陶', '古陶镇消杀突击队'],
      ['/api/gatherings?q=东宴', '东宴席'],
    ] as const;
    for (const [url, name] of searches) {
      const mine = await gutao.get(url);
      expect(mine.statusCode, mine.body).toBe(200);
      expect(JSON.stringify(mine.json().items)).toContain(name);
      const theirs = await duancun.get(url);
      expect(theirs.statusCode, theirs.body).toBe(200);
      expect(theirs.json().items).toEqual([]);
    }
    const gatherings = (await duancun.get('/api/gatherings')).json().items;
    expectAll(gatherings, (g: { hostName: string }) => g.hostName === '段喜事');
  });
});

describe('a link that stops working', () => {
  it('a new link replaces the old; a revoked one is not found; an expired one is gone (410)', async () => {
    const old = tokens['李红梅']!;
    const fresh = await gutao.post(`/api/volunteers/${volunteers['李红梅']}/self-link`, { days: 30 });
    tokens['李红梅'] = fresh.json().token;
    const stale = await t.anonymous.get(`/api/public/volunteer-self/${old}`);
    expect(stale.statusCode).toBe(404);
    expect(stale.json().error.code).toBe('VOLUNTEER_SELF_LINK_NOT_FOUND');
    expect((await t.anonymous.get(self('李红梅'))).statusCode).toBe(200);
    expect((await duancun.delete(`/api/volunteers/${volunteers['李红梅']}/self-link`)).statusCode).toBe(404);
    expect((await gutao.delete(`/api/volunteers/${volunteers['李红梅']}/self-link`)).statusCode).toBe(204);
    expect((await t.anonymous.get(self('李红梅'))).json().error.code).toBe('VOLUNTEER_SELF_LINK_NOT_FOUND');
    t.clock.advance(8 * 86_400_000);
    const expired = await t.anonymous.get(self('赵外人'));
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('VOLUNTEER_SELF_LINK_EXPIRED');
  });

  it('is rate-limited per link', async () => {
    const url = `/api/public/volunteer-self/${'x'.repeat(24)}`;
    const codes = [];
    for (let i = 0; i < 62; i++)
      codes.push((await t.anonymous.request({ method: 'GET', url, remoteAddress: `10.9.0.${i}` })).statusCode);
    expect(codes[0]).toBe(404);
    expect(codes.at(-1)).toBe(429);
  });
});
