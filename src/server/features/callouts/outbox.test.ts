import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, systemActor, type TestApp } from '../../testing/test-app';
import { makeTree } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { PersonInput } from '../../../shared/residents';
import { registerPerson } from '../residents';
import { issueCallout } from './callouts.service';
import { deliverOutbox, localTestMessages, type CalloutSender } from './outbox';

/**
 * The SMS outbox as a queue: two drainers racing (two server processes) send each message exactly
 * once; the server's own drain loop sends what a call-out wrote once the server listens, and stops
 * with it; a sent message keeps no link.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const personIds: string[] = [];
const ctx = { linkBase: 'https://qf.example', timeZone: 'Asia/Shanghai' };

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  for (let i = 0; i < 40; i++) {
    const first17 = `14072819900101${String(100 + i)}`;
    const { person } = await registerPerson(
      t.db,
      t.clock,
      systemActor,
      PersonInput.parse({
        name: `队员${i}`,
        idNumber: first17 + idCardCheckChar(first17),
        phone: `139${String(10000000 + i)}`,
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
      }),
    );
    personIds.push(person.id);
  }
});
afterAll(async () => t.close());

describe('callout outbox', () => {
  it('two drainers racing send every message exactly once', async () => {
    expect(personIds.length).toBe(40);
    const { callout } = await issueCallout(
      t.db,
      t.clock,
      systemActor,
      {
        personIds,
        includeBusy: false,
        meetingPoint: '县城广场',
        regionId: tree.gutao.id,
        deadlineMinutes: 15,
      },
      ctx,
    );
    const sent: string[] = [];
    const slow: CalloutSender = {
      async send({ phone }) {
        await new Promise((r) => setTimeout(r, 1));
        sent.push(phone);
      },
    };
    const [a, b] = await Promise.all([
      deliverOutbox(t.db, t.clock, slow, { limit: 25 }),
      deliverOutbox(t.db, t.clock, slow, { limit: 25 }),
    ]);
    const rest = await deliverOutbox(t.db, t.clock, slow);
    expect(a.sent + b.sent + rest.sent).toBe(40);
    expect(new Set(sent).size).toBe(40);
    expect(sent).toHaveLength(40);
    const rows = await t.db.selectFrom('callout_outbox').selectAll().where('callout_id', '=', callout.id).execute();
    expect(rows.map((r) => [r.status, r.claimed_by, /\/c\/[A-Za-z0-9_-]{16}/.test(r.text)])).toEqual(
      rows.map(() => ['sent', null, false]),
    );
  });

  it('the drain loop sends while the server listens, and stops with it', async () => {
    const before = localTestMessages().length;
    await issueCallout(
      t.db,
      t.clock,
      systemActor,
      {
        personIds: personIds.slice(0, 5),
        includeBusy: true,
        meetingPoint: '镇政府',
        regionId: tree.gutao.id,
        deadlineMinutes: 15,
      },
      ctx,
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await expect.poll(() => localTestMessages().length - before, { timeout: 5000 }).toBe(5);
    expect(localTestMessages().at(-1)!.text).toMatch(/^【集结令】.*https:\/\/qf\.example\/c\/[A-Za-z0-9_-]{24}$/);
    const pending = await t.db.selectFrom('callout_outbox').select('id').where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(0);
  });
});
