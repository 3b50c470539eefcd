import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree } from '../testing/factories';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../testing/test-app';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

/** Each refused field says what is wrong in the reader's language, not only the top-level message. */
describe('field messages of a refused request', () => {
  const badSite = (language: string) =>
    admin.request({
      method: 'POST',
      url: '/api/checkpoints/sites',
      headers: { 'accept-language': language },
      payload: { name: '东门卡口', kind: 'drive_in', regionId: tree.gutao.id },
    });

  it('are in Chinese for a Chinese reader', async () => {
    const res = await badSite('zh-CN,zh;q=0.9');
    expect(res.statusCode).toBe(400);
    const { code, message, details } = res.json().error;
    expect({ code, message }).toEqual({ code: 'VALIDATION', message: '输入有误，请检查标出的字段' });
    expect(details.issues).toEqual([{ in: 'body', path: ['kind'], message: expect.stringMatching(/^无效选项/) }]);
    expect((await badSite('zh-TW')).json().error.details.issues[0].message).toMatch(/無效/);
  });

  it('are in English for an English reader', async () => {
    expect((await badSite('en')).json().error.details.issues[0].message).toMatch(/^Invalid option/);
  });
});

/** A rule's own sentence (a service's refusal, a schema's refine) reads in the reader's language too. */
describe('rule messages of a refused request', () => {
  const backwards = (language: string) =>
    admin.request({
      method: 'POST',
      url: '/api/screening/rounds',
      headers: { 'accept-language': language },
      payload: { name: '第二轮', startDate: '2020-02-05', endDate: '2020-02-01', regionIds: [tree.gutao.id] },
    });
  const nobodyAssigned = (language: string) =>
    admin.request({
      method: 'POST',
      url: '/api/callouts',
      headers: { 'accept-language': language },
      payload: { meetingPoint: '镇政府', regionId: tree.gutao.id },
    });

  it('from a service', async () => {
    const zh = await backwards('zh-CN');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details.issues).toEqual([{ path: ['endDate'], message: '结束日期早于开始日期' }]);
    expect((await backwards('zh-TW')).json().error.details.issues[0].message).toBe('結束日期早於開始日期');
    expect((await backwards('en')).json().error.details.issues[0].message).toBe(
      'the end date is before the start date',
    );
  });

  it('from a pattern', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/checkpoints/sites',
      headers: { 'accept-language': 'zh-CN' },
      payload: { name: '东门卡口', kind: 'duty_point', regionId: tree.gutao.id, leadPhone: '12345' },
    });
    expect(res.json().error.details.issues).toEqual([
      { in: 'body', path: ['leadPhone'], message: '请填写 11 位手机号码' },
    ]);
  });

  it('from a schema', async () => {
    const zh = await nobodyAssigned('zh-CN');
    expect(zh.statusCode).toBe(400);
    const messages = zh.json().error.details.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('请选择突击队、技能或至少一人');
    expect(messages.join('')).not.toMatch(/[a-z]{3}/);
  });
});
