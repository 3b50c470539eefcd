/**
 * party_member_import: a 100,000-row party roll (党员花名册) imported into a fresh SQLite database
 * with 400 branches, as `qunfang members import` runs it. Not part of `npm run bench` yet:
 * `node bin/run-ts.mjs bench/party-import.ts [--rows N]`. Prints rows/s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMigratedDb } from '../src/server/db/open';
import { ManualClock } from '../src/server/clock';
import { createRegion } from '../src/server/features/regions';
import { importMembers, importOrganisations } from '../src/server/features/party';
import { readRows } from '../src/server/spreadsheets/row-source';
import { idCardCheckChar } from '../src/shared/validators';
import { cliActor } from '../src/cli/actor';

const args = process.argv.slice(2);
const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-party-bench-'));
const db = await openMigratedDb({ databaseUrl: undefined, sqlitePath: path.join(dir, 'bench.sqlite') });
const clock = new ManualClock(new Date('2020-02-01T02:00:00Z'));
const actor = cliActor();
try {
  await createRegion(db, clock, actor, {
    parentId: null,
    level: 'county',
    name: '平遥县',
    code: '140728000000',
  });
  const orgLines = ['组织代码,组织名称,组织类别,上级党组织,所在单位,单位类型,所属区划代码,联系电话,备注'];
  orgLines.push('XW,中共平遥县委,党委,,平遥县委,机关,140728000000,,');
  for (let i = 0; i < 400; i++) orgLines.push(`B${i},第${i}党支部,党支部,XW,单位${i},企业,140728000000,,`);
  const orgFile = path.join(dir, 'orgs.csv');
  fs.writeFileSync(orgFile, orgLines.join('\n') + '\n');
  await importOrganisations(db, clock, actor, readRows(orgFile, 'csv'));

  const lines = ['姓名,身份证号码,手机号码,所在党组织,党员类别,党员状态,党内职务,入党日期,备注'];
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  for (let i = 0; i < rows; i++) {
    // a distinct ID number per row (up to 720,000): birth year and month from i, the order code i % 1000
    const year = 1940 + (Math.floor(i / 1000) % 60);
    const month = String(1 + Math.floor(i / 60_000)).padStart(2, '0');
    const stem = `140728${year}${month}15${String(i % 1000).padStart(3, '0')}`;
    const id = stem + idCardCheckChar(stem);
    const name = surnames[i % surnames.length]! + '党员' + (i % 997);
    lines.push(
      `${name},${id},138${String(i).padStart(8, '0')},B${i % 400},${i % 10 ? '正式党员' : '预备党员'},,,2000-07-01,`,
    );
  }
  const file = path.join(dir, 'members.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const started = performance.now();
  const summary = await importMembers(db, clock, actor, readRows(file, 'csv'));
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${summary.rows} rows in ${seconds.toFixed(1)} s: ${summary.created} created, ${summary.updated} updated, ${summary.invalid} refused`,
  );
  console.log(
    JSON.stringify({ name: 'party_member_import', value: Math.round(summary.rows / seconds), unit: 'rows/s' }),
  );
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
