import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { signaturePng } from '../../demo/signature-png';

/**
 * 代签/现场签署 through the API: 古陶镇's cadre picks a registered volunteer from the registry, adapts
 * the unit's text for her, and she signs on the cadre's tablet. The pledge keeps the text as signed,
 * the signature is checked from its bytes like the public page's, the cadre is the audit's actor.
 * A non-PNG, a person outside the township, a unit of another township are refused with nothing
 * written; 段村镇's cadre cannot read the pledge (404).
 */
let t: TestApp;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const ids: Record<string, string> = {};
const idNumber = (first17: string) => first17 + idCardCheckChar(first17);
const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

async function snapshot() {
  const rows = await Promise.all(
    (['pledges', 'audit_log'] as const).map((table) => t.db.selectFrom(table).selectAll().execute()),
  );
  return JSON.stringify(rows, (_, v) => (v && v.type === 'Buffer' ? v.data.length : v));
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  [gutao, duancun] = (await Promise.all(['gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [Client, Client];
  const admin = await t.login('admin', 'Admin12345');
  for (const [key, name, first17, regionId] of [
    ['volunteer', '王志愿', '14072819920202021', tree.gridA.id],
    ['outsider', '段村人', '14072819930303032', tree.duancunVillage.id],
  ] as const) {
    const res = await admin.post('/api/persons', { name, idNumber: idNumber(first17), regionId });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().person.id;
  }
  ids.unit = (await gutao.post('/api/pledges/units', { name: '古陶镇志愿服务队', regionId: tree.gutao.id })).json().id;
  ids.theirUnit = (
    await duancun.post('/api/pledges/units', { name: '段村镇卫生院', regionId: tree.duancun.id })
  ).json().id;
});
afterAll(async () => t.close());

describe('signing on site with a cadre', () => {
  const TEXT = '我是志愿者王志愿，自愿请战：服从安排，坚守岗位，哪里需要就到哪里去。';

  it('stores the text as signed and the checked signature; the cadre is the actor', async () => {
    const res = await gutao.post('/api/pledges/on-site', {
      unitId: ids.unit,
      personId: ids.volunteer,
      text: TEXT,
      signature: dataUrl(signaturePng(300, 100, true, 7)),
    });
    expect(res.statusCode, res.body).toBe(201);
    const pledge = res.json();
    expect(pledge).toMatchObject({ name: '王志愿', text: TEXT, source: 'cadre', unitName: '古陶镇志愿服务队' });
    expect(pledge.idNumber).toContain('*');
    ids.pledge = pledge.id;
    const png = await gutao.get(`/api/pledges/${pledge.id}/signature.png`);
    expect(png.statusCode).toBe(200);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'pledge.sign').execute();
    expect(audit).toHaveLength(1);
    const cadre = await t.db.selectFrom('users').select('id').where('username', '=', 'gutao').executeTakeFirstOrThrow();
    expect(audit[0]!.actor_id).toBe(cadre.id);
  });

  it('refuses a non-PNG, a missing text, someone outside the township and another township’s unit; nothing written', async () => {
    const before = await snapshot();
    const body = {
      unitId: ids.unit,
      personId: ids.volunteer,
      text: TEXT,
      signature: dataUrl(signaturePng(300, 100, true, 8)),
    };
    const gif = await gutao.post('/api/pledges/on-site', {
      ...body,
      signature: dataUrl(Buffer.from('GIF89a-not-a-png-at-all')),
    });
    expect(gif.statusCode).toBe(400);
    expect((await gutao.post('/api/pledges/on-site', { ...body, text: '短' })).statusCode).toBe(400);
    const outsider = await gutao.post('/api/pledges/on-site', { ...body, personId: ids.outsider });
    expect(outsider.json().error.code).toBe('PERSON_NOT_FOUND');
    const theirs = await gutao.post('/api/pledges/on-site', { ...body, unitId: ids.theirUnit });
    expect(theirs.json().error.code).toBe('PLEDGE_UNIT_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('is scoped: 段村镇 cannot read it, print it or sign for 古陶镇’s volunteer (404)', async () => {
    expect((await duancun.get(`/api/pledges/${ids.pledge}`)).statusCode).toBe(404);
    expect((await duancun.get(`/api/pledges/${ids.pledge}/signature.png`)).statusCode).toBe(404);
    const res = await duancun.post('/api/pledges/on-site', {
      unitId: ids.theirUnit,
      personId: ids.volunteer,
      text: '我自愿请战，服从安排，坚守岗位。',
      signature: dataUrl(signaturePng(300, 100, true, 9)),
    });
    expect(res.statusCode).toBe(404);
    const list = (await duancun.get('/api/pledges')).json().items as unknown[];
    expect(list).toEqual([]);
  });
});
