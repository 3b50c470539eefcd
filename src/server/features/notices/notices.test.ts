import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';

/**
 * 通知通告 through the API: the command centre sends a notice to 古陶镇's grid workers; it reaches
 * the grid workers of 东城村 and 西城村 but nobody in 段村镇 and no checkpoint crew; the receipts
 * show who has read it, per township. A public announcement is on the public page while published
 * and gone once withdrawn. Bad input changes nothing.
 */
let t: TestApp;
let command: Client;
let gutao: Client;
let workerA: Client;
let workerB: Client;
let duancunWorker: Client;
let crew: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const state: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'worker_a', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'worker_b', 'grid', tree.gridB);
  await makeUser(t.db, t.clock, 'duancun_worker', 'grid', tree.duancunVillage);
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.dongcheng);
  [command, gutao, workerA, workerB, duancunWorker, crew] = (await Promise.all(
    (['command', 'gutao', 'worker_a', 'worker_b', 'duancun_worker', 'crew'] as const).map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client, Client, Client];
});
afterAll(async () => t.close());

async function count(table: 'notices' | 'notice_reads') {
  return Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe('internal notices with read receipts', () => {
  it('a draft reaches nobody; publishing puts it in the inboxes of 古陶镇 grid workers only', async () => {
    const res = await command.post('/api/notices', {
      kind: 'internal',
      title: '关于全面开展入户排查的紧急通知',
      body: '各网格务必于1月27日前完成辖区内全部住户排查。',
      regionId: tree.gutao.id,
      roles: ['grid'],
      urgency: 'immediate',
    });
    expect(res.statusCode, res.body).toBe(201);
    state.notice = res.json().id;
    expect(res.json()).toMatchObject({
      state: 'draft',
      kind: 'internal',
      roles: ['grid'],
      regionName: '古陶镇',
      manageable: true,
      slug: null,
    });
    expect((await workerA.get('/api/notices/inbox')).json().items).toHaveLength(0);
    expect((await workerA.get(`/api/notices/${state.notice}`)).statusCode).toBe(404);

    const published = await command.post(`/api/notices/${state.notice}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().state).toBe('published');

    for (const w of [workerA, workerB]) {
      const inbox = (await w.get('/api/notices/inbox')).json();
      expect(inbox.unread).toBe(1);
      expect(inbox.items.map((n: { id: string }) => n.id)).toEqual([state.notice]);
      expect(inbox.items[0]).toMatchObject({ readAt: null, manageable: false, addressed: true });
    }
    // Not in 段村镇, not to a checkpoint crew of 东城村, not to the township cadre (role grid only).
    for (const other of [duancunWorker, crew, gutao]) {
      expect((await other.get('/api/notices/inbox')).json()).toMatchObject({ items: [], unread: 0 });
      expect((await other.get('/api/notices/unread')).json().unread).toBe(0);
    }
    expect((await duancunWorker.get(`/api/notices/${state.notice}`)).statusCode).toBe(404);
    expect((await duancunWorker.post(`/api/notices/${state.notice}/read`)).statusCode).toBe(404);
    // The township cadre is in the sender's side of 古陶镇: sees it and its receipts, though not addressed.
    expect((await gutao.get(`/api/notices/${state.notice}`)).json().manageable).toBe(true);
  });

  it('reading it records a receipt once; the sender sees who has read, per township', async () => {
    const read = await workerA.post(`/api/notices/${state.notice}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const first = read.json().readAt;
    expect(first).toBeTruthy();
    t.clock.advance(60_000);
    expect((await workerA.post(`/api/notices/${state.notice}/read`)).json().readAt).toBe(first);
    expect((await workerA.get('/api/notices/unread')).json().unread).toBe(0);
    expect((await workerA.get('/api/notices/inbox?unread=true')).json().items).toHaveLength(0);
    expect(await count('notice_reads')).toBe(1);

    const receipts = (await command.get(`/api/notices/${state.notice}/receipts`)).json();
    expect(receipts).toMatchObject({
      addressees: 2,
      read: 1,
      byTownship: [{ name: '古陶镇', addressees: 2, read: 1 }],
    });
    expect(receipts.people.map((p: { username: string; readAt: string | null }) => [p.username, !!p.readAt])).toEqual([
      ['worker_a', true],
      ['worker_b', false],
    ]);
    const sent = (await command.get('/api/notices?kind=internal')).json().items;
    expect(sent[0]).toMatchObject({ id: state.notice, addressees: 2, read: 1 });
    // Receipts are the sender's side's: a grid worker (even an addressee) is refused.
    expect((await workerA.get(`/api/notices/${state.notice}/receipts`)).statusCode).toBe(403);
  });

  it('a township cadre addresses only its own jurisdiction; a county notice to every role reaches it', async () => {
    const outside = await gutao.post('/api/notices', {
      kind: 'internal',
      title: '越权',
      body: 'x',
      regionId: tree.duancun.id,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('REGION_NOT_FOUND');
    const county = (
      await command.post('/api/notices', {
        kind: 'internal',
        title: '全县通知',
        body: '全县各单位',
        regionId: tree.county.id,
        publish: true,
      })
    ).json();
    expect(county.state).toBe('published');
    for (const c of [gutao, duancunWorker, crew, workerA]) {
      expect((await c.get('/api/notices/inbox')).json().items.map((n: { id: string }) => n.id)).toContain(county.id);
    }
    // …but its receipts and its withdrawal belong to the county, not to the township.
    expect((await gutao.get(`/api/notices/${county.id}/receipts`)).statusCode).toBe(404);
    expect((await gutao.post(`/api/notices/${county.id}/withdraw`)).statusCode).toBe(404);
    expect((await command.get(`/api/notices/${county.id}/receipts`)).json()).toMatchObject({ addressees: 6, read: 0 });
    const withdrawn = await command.post(`/api/notices/${county.id}/withdraw`);
    expect(withdrawn.json().state).toBe('withdrawn');
    expect((await crew.get('/api/notices/inbox')).json().items).toHaveLength(0);
  });

  it('bad input is refused with a stable code and changes nothing', async () => {
    const before = await count('notices');
    const cases: [unknown, number, string][] = [
      [{ kind: 'internal', title: '', body: 'x', regionId: tree.gutao.id }, 400, 'VALIDATION'],
      [{ kind: 'internal', title: 'x', body: 'x', regionId: tree.gutao.id, roles: ['mayor'] }, 400, 'VALIDATION'],
      [
        { kind: 'public', title: 'x', body: 'x', regionId: tree.county.id, roles: ['grid'] },
        400,
        'NOTIFICATION_AUDIENCE_INVALID',
      ],
      [
        { kind: 'internal', title: 'x', body: 'x', regionId: '00000000-0000-7000-8000-000000000099' },
        404,
        'REGION_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await command.post('/api/notices', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(
      (await workerA.post('/api/notices', { kind: 'internal', title: 'x', body: 'x', regionId: tree.gridA.id })).json()
        .error.code,
    ).toBe('FORBIDDEN');
    expect((await command.post(`/api/notices/${state.notice}/publish`)).json().error.code).toBe('NOTIFICATION_STATE');
    expect((await command.patch(`/api/notices/${state.notice}`, { title: '改' })).json().error.code).toBe(
      'NOTIFICATION_STATE',
    );
    expect(await count('notices')).toBe(before);
  });
});

describe('public announcements', () => {
  it('shows only published announcements, and nothing of one once withdrawn', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const draft = (
      await command.post('/api/notices', {
        kind: 'public',
        title: '关于暂停客运班线的通告',
        body: '自1月26日起全县客运班线停运。',
        regionId: tree.county.id,
        urgency: 'urgent',
      })
    ).json();
    expect(draft.slug).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect((await t.anonymous.get(`/api/public/announcements/${draft.slug}`)).json().error.code).toBe(
      'ANNOUNCEMENT_NOT_FOUND',
    );
    expect((await t.anonymous.get('/api/public/announcements')).json().items).toHaveLength(0);
    // Internal notices never appear on the public page.
    expect(JSON.stringify((await t.anonymous.get('/api/public/announcements')).json())).not.toContain('入户排查');

    const changed = await command.patch(`/api/notices/${draft.id}`, { title: '关于全县客运班线停运的通告' });
    expect(changed.json().title).toBe('关于全县客运班线停运的通告');
    await admin.post(`/api/notices/${draft.id}/publish`);
    const one = await t.anonymous.get(`/api/public/announcements/${draft.slug}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ title: '关于全县客运班线停运的通告', urgency: 'urgent', regionName: '平遥县' });
    expect(Object.keys(one.json()).sort()).toEqual(['body', 'publishedAt', 'regionName', 'slug', 'title', 'urgency']);
    expect(
      (await t.anonymous.get('/api/public/announcements')).json().items.map((a: { slug: string }) => a.slug),
    ).toEqual([draft.slug]);

    await command.post(`/api/notices/${draft.id}/withdraw`);
    const gone = await t.anonymous.get(`/api/public/announcements/${draft.slug}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('ANNOUNCEMENT_WITHDRAWN');
    expect(gone.body).not.toContain('客运');
    expect((await t.anonymous.get('/api/public/announcements')).json().items).toHaveLength(0);
    expect((await t.anonymous.get('/api/public/announcements/bad!slug')).statusCode).toBe(400);
  });

  it('the audit log has every write', async () => {
    const actions = (
      await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'notice').execute()
    ).map((r) => r.action);
    for (const a of [
      'notice_doc.create',
      'notice_doc.publish',
      'notice_doc.withdraw',
      'notice_doc.read',
      'notice_doc.change',
    ])
      expect(actions).toContain(a);
  });
});
