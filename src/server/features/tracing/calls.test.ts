import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const state: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  const person = async (name: string, idNumber: string, phone?: string) =>
    (
      await admin.post('/api/persons', {
        name,
        idNumber,
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
        ...(phone ? { phone } : {}),
      })
    ).json().person.id as string;
  state.patient = await person('孙病例', id('14072819800101301'));
  state.contact = await person('周密接', id('14072819800101302'), '13612345678');
  state.silent = await person('吴无号', id('14072819800101303'));
  const created = await admin.post('/api/cases', {
    personId: state.patient,
    classification: 'suspected',
    reportDate: '2020-01-25',
  });
  expect(created.statusCode, created.body).toBe(201);
  state.case = created.json().id;
  const decided = await admin.post(`/api/cases/${state.case}/contacts`, {
    accept: [state.contact, state.silent].map((personId) => ({
      personId,
      exposureType: 'co_passenger',
      exposureDate: '2020-01-20',
    })),
  });
  expect(decided.statusCode, decided.body).toBe(200);
  const contacts = (await admin.get(`/api/cases/${state.case}/contacts`)).json().items;
  state.contactId = contacts.find((c: { personId: string }) => c.personId === state.contact).id;
  state.silentId = contacts.find((c: { personId: string }) => c.personId === state.silent).id;
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'gridworker', 'grid', tree.gridA);
});
afterAll(async () => t.close());

const reveals = () =>
  t.db
    .selectFrom('audit_log')
    .select(['actor_name', 'details'])
    .where('action', '=', 'person.reveal')
    .where('entity_id', '=', state.contact!)
    .execute();

describe('a tracer calls a contact (issue 18)', () => {
  it('the contact list shows the number masked; the call gives it in full and is audited for 流调', async () => {
    const gutao = await t.login('gutao', PASSWORD);
    const listed = (await gutao.get(`/api/cases/${state.case}/contacts`)).json().items;
    expect(listed.find((c: { id: string }) => c.id === state.contactId).phone).toBe('136****5678');
    const res = await gutao.post(`/api/contacts/${state.contactId}/call`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: '13612345678' });
    const audited = await reveals();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_name).toBe('gutao');
    const details = audited[0]!.details;
    expect(typeof details === 'string' ? JSON.parse(details) : details).toEqual({
      field: 'phone',
      purpose: '流调',
      caseId: state.case,
      contactId: state.contactId,
    });
  });

  it('another township reads it as not found; a grid worker (no tracer) is refused; nothing more is audited', async () => {
    const out = await (await t.login('duancun', PASSWORD)).post(`/api/contacts/${state.contactId}/call`);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('NOT_FOUND');
    const grid = await (await t.login('gridworker', PASSWORD)).post(`/api/contacts/${state.contactId}/call`);
    expect(grid.statusCode).toBe(403);
    expect(await reveals()).toHaveLength(1);
  });

  it('a contact without a number says so', async () => {
    const res = await admin.post(`/api/contacts/${state.silentId}/call`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PHONE_NOT_RECORDED');
  });
});
