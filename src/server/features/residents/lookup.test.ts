import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const CARD = id('14072819880808021');

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await admin.post('/api/persons', {
    name: '查询人',
    idNumber: CARD,
    phone: '13912345678',
    regionId: tree.buildingA.id,
    confirmNotDuplicate: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.duancun);
  await makeUser(t.db, t.clock, 'gridw', 'grid', tree.gridB);
  await makeUser(t.db, t.clock, 'obs', 'observer', tree.duancunVillage);
});
afterAll(async () => t.close());

describe('looking a person up by ID number (checkpoint entry)', () => {
  it('answers a checkpoint crew anywhere with what the card says, and audits it', async () => {
    const crew = await t.login('crew', PASSWORD);
    const res = await crew.get(`/api/persons/lookup?idNumber=${CARD}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ name: '查询人', sex: 'M', birthDate: '1988-08-08' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'person.lookup')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('is refused to roles that do not enter passages', async () => {
    for (const user of ['gridw', 'obs']) {
      const res = await (await t.login(user, PASSWORD)).get(`/api/persons/lookup?idNumber=${CARD}`);
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});
