import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const state: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  const person = async (name: string, idNumber: string) =>
    (
      await admin.post('/api/persons', { name, idNumber, regionId: tree.buildingA.id, confirmNotDuplicate: true })
    ).json().person.id as string;
  state.patient = await person('孙病例', id('14072819800101201'));
  state.healthy = await person('李健康', id('14072819800101202'));
  const res = await admin.post('/api/cases', {
    personId: state.patient,
    classification: 'suspected',
    reportDate: '2020-01-25',
  });
  expect(res.statusCode, res.body).toBe(201);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
});
afterAll(async () => t.close());

describe("a person's case", () => {
  it('is 404 for a person outside the jurisdiction, as every other out-of-scope read', async () => {
    const other = await t.login('duancun', PASSWORD);
    for (const personId of [state.patient, state.healthy]) {
      const res = await other.get(`/api/persons/${personId}/case`);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('PERSON_NOT_FOUND');
    }
  });

  it('is the case, or null, for a person in the jurisdiction', async () => {
    const own = await t.login('gutao', PASSWORD);
    expect((await own.get(`/api/persons/${state.patient}/case`)).json().case.personName).toBe('孙病例');
    const none = await own.get(`/api/persons/${state.healthy}/case`);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ case: null });
  });
});
