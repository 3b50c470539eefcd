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
