import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp } from '../testing/test-app';
import { makeTree } from '../testing/factories';
import { idCardCheckChar } from '../../shared/validators';
import { TASK_KINDS } from '../../shared/volunteer-tasks';
import { buildVolunteerTasksDemo } from './volunteer-tasks';

/**
 * The demo's week of volunteer service: nothing at all while there are no volunteer groups; with
 * groups (fixture rows here; the volunteers demo in the county), tasks of every kind over the week
 * and hours in every state, the flagged ones among them.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
});
afterAll(async () => t.close());

describe('volunteer tasks demo', () => {
  it('writes nothing when there are no volunteer groups', async () => {
    expect(await buildVolunteerTasksDemo(t.db, t.clock)).toEqual({ tasks: 0, hours: 0 });
  });

  it('gives the groups a week of tasks of every kind and hours in every state', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const at = t.clock.now().toISOString();
    for (let g = 0; g < 6; g++) {
      const members: string[] = [];
      for (let m = 0; m < 4; m++) {
        const first17 = `1407281990${String(g + 1).padStart(2, '0')}${String(m + 1).padStart(2, '0')}${String(g * 10 + m).padStart(3, '0')}`;
        const res = await admin.post('/api/persons', {
          name: `志愿者${g}${m}`,
          idNumber: first17 + idCardCheckChar(first17),
          regionId: tree.buildingA.id,
          confirmNotDuplicate: true,
        });
        expect(res.statusCode, res.body).toBe(201);
        members.push(res.json().person.id);
      }
      const id = randomUUID();
      await t.db
        .insertInto('volunteer_groups')
        .values({
          id,
          status: 'active',
          region_id: tree.dongcheng.id,
          region_path: tree.dongcheng.path,
          name: `东城村志愿小组${g + 1}`,
          leader_person_id: members[0]!,
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
          members.map((p) => ({
            group_id: id,
            person_id: p,
            region_path: tree.dongcheng.path,
            joined_at: at,
            left_at: null,
          })),
        )
        .execute();
    }
    const summary = await buildVolunteerTasksDemo(t.db, t.clock);
    expect(summary.tasks).toBeGreaterThan(15);
    const tasks = await t.db.selectFrom('volunteer_tasks').select(['kind', 'status']).execute();
    expect(new Set(tasks.map((x) => x.kind))).toEqual(new Set(TASK_KINDS));
    const hours = await t.db.selectFrom('volunteer_hours').select(['status', 'auto_closed']).execute();
    expect(hours.length).toBe(summary.hours);
    const statuses = new Set(hours.map((h) => h.status));
    expect(statuses.has('approved') && statuses.has('pending')).toBe(true);
    const stars = (await admin.get('/api/volunteer-hours/recognition')).json();
    expect(stars.length).toBeGreaterThan(0);
  });
});
