import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../../testing/test-app';
import { makeTree } from '../../../testing/factories';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const HEADER = [
  '姓名',
  '证件类型',
  '证件号码',
  '国籍',
  '性别',
  '出生日期',
  '手机号码',
  '楼栋编码',
  '门牌房号',
  '与户主关系',
  '人员标签',
  '返乡出发地',
  '抵达日期',
  '交通方式',
  '车次航班',
  '备注',
];

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

async function waitForJob(jobId: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await admin.get(`/api/imports/${jobId}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('an import job stopped midway', () => {
  it('says what had landed (it showed created 0 while 10,000 persons had committed; found by the acceptance check)', async () => {
    // 12,000 one-person households, then a cell past the limit: the first batch (10,000 rows) commits, then the file is refused
    const rows = Array.from({ length: 12_000 }, (_, i) => [
      `批量${i}`,
      '',
      '',
      '',
      '男',
      '1980-01-01',
      '',
      tree.buildingB.code,
      `R${i}`,
      '户主',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    rows.push([
      '太长',
      '',
      '',
      '',
      '男',
      '1980-01-01',
      '',
      tree.buildingB.code,
      'X',
      '户主',
      '',
      '',
      '',
      '',
      '',
      'x'.repeat(5000),
    ]);
    const body = Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');
    const job = await waitForJob(
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: body,
        })
      ).json().id,
    );
    expect(job.status).toBe('failed');
    const landed = Number(
      (
        await t.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('name', 'like', '批量%')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(landed).toBeGreaterThanOrEqual(10_000);
    expect(job.created).toBe(landed);
  });
});
