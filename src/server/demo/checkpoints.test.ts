import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { testDb, type TestDatabase } from '../testing/test-db';
import { FEVER_CELSIUS } from '../../shared/screening';
import { idCardProblem } from '../../shared/validators';
import { buildCheckpointDemo, TRACED_BUS } from './checkpoints';
import { buildDemo, DEMO_PASSWORD } from './demo.service';
import { expectAll } from '../testing/expect-all';

/** The small demo with its checkpoints (buildDemo may already build them; then they are not built twice). */
async function smallDemo(db: Db, clock: TestApp['clock']) {
  await buildDemo(db, clock, { scale: 'small' });
  const any = await db.selectFrom('passages').select('id').limit(1).executeTakeFirst();
  if (!any) await buildCheckpointDemo(db, clock, { scale: 'small' });
}

interface PassageOut {
  id: string;
  siteName: string;
  at: string;
  plate: string | null;
  vehicleType: string;
  origin: string | null;
  decision: string;
  occupants: {
    seq: number;
    personId: string | null;
    name: string;
    idNumber: string | null;
    phone: string | null;
    temperature: number;
    fever: boolean;
  }[];
}

describe("the small demo county's checkpoints through the API", () => {
  let t: TestApp;
  let command: Client;

  beforeAll(async () => {
    t = await testApp();
    await smallDemo(t.db, t.clock);
    command = await t.login('command', DEMO_PASSWORD);
  });
  afterAll(async () => t?.close());

  it("lists the sites in the small tree: the highway exit and the two villages' entrances", async () => {
    const res = await command.get('/api/checkpoints/sites');
    expect(res.statusCode, res.body).toBe(200);
    const items = (
      res.json() as {
        items: { name: string; kind: string; hours: string; leadPhone: string | null; regionName: string }[];
      }
    ).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items.map((s) => s.kind).sort()).toEqual(['highway_exit', 'village_entrance', 'village_entrance']);
    expect(items.find((s) => s.kind === 'highway_exit')).toMatchObject({
      name: '京昆高速平遥出口',
      regionName: '古陶镇',
      hours: '24h',
    });
    for (const s of items) expect(s.leadPhone).toMatch(/^1\d\d\*{4}\d{4}$/);
  });

  it('finds bus 晋C60695 from 太原 on the evening of 20 January with its 12 passengers, each in the registry — three by phone only', async () => {
    const res = await command.get(
      `/api/checkpoints/passages?plate=${encodeURIComponent(TRACED_BUS.plate)}&from=2020-01-20T11:00:00Z&to=2020-01-20T14:00:00Z`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: PassageOut[] }).items;
    // At the highway exit at 20:03, and (the tracing demo) at a village entrance on its way into town.
    expect(items).toHaveLength(2);
    const bus = items.find((p) => p.siteName === '京昆高速平遥出口')!;
    expect(items.find((p) => p !== bus)!.occupants.map((o) => o.personId)).toEqual(
      bus.occupants.map((o) => o.personId),
    );
    expect(bus).toMatchObject({
      plate: '晋C60695',
      vehicleType: 'bus',
      origin: '太原',
      decision: 'pass',
      siteName: '京昆高速平遥出口',
      at: '2020-01-20T12:03:17.000Z',
    });
    expect(bus.occupants).toHaveLength(12);
    expect(bus.occupants.map((o) => o.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    for (const o of bus.occupants) {
      expect(o.personId).not.toBeNull();
      expect(o.fever).toBe(false);
    }
    const withId = bus.occupants.filter((o) => o.idNumber);
    expect(withId).toHaveLength(12 - TRACED_BUS.phoneOnly);
    for (const o of withId) expect(o.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const phoneOnly = bus.occupants.filter((o) => !o.idNumber);
    expect(phoneOnly).toHaveLength(TRACED_BUS.phoneOnly);
    for (const o of phoneOnly) {
      expect(o.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      expect((await command.get(`/api/persons/${o.personId}`)).json()).toMatchObject({
        name: o.name,
        idNumber: null,
        tags: ['unverified_identity'],
      });
    }
    expect(new Set(bus.occupants.map((o) => o.personId)).size).toBe(12);
    const person = (await command.get(`/api/persons/${bus.occupants[0]!.personId}`)).json() as { name: string };
    expect(person.name).toBe(bus.occupants[0]!.name);
  });

  it('gives non-zero figures for 25 January, per site and per village', async () => {
    const res = await command.get('/api/checkpoints/figures?day=2020-01-25');
    expect(res.statusCode, res.body).toBe(200);
    const items = (
      res.json() as { items: { name: string; vehicles: number; people: number; fevers: number; turnedBack: number }[] }
    ).items;
    expect(items).toHaveLength(3);
    expect(items.reduce((n, s) => n + s.people, 0)).toBeGreaterThan(0);
    expect(items.reduce((n, s) => n + s.vehicles, 0)).toBeGreaterThan(0);
    for (const s of items.filter((x) => x.name.endsWith('村口卡点'))) expect(s.people, s.name).toBeGreaterThan(0);
    const villages = (
      (await command.get('/api/checkpoints/figures?day=2020-01-25&by=village')).json() as {
        items: { name: string; people: number }[];
      }
    ).items;
    expect(
      villages
        .filter((v) => v.people > 0)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['东城村', '西城村']);
  });

  it("shows the roster: the crew account on its site's day shift, and the deliberate gap among the next 48 hours", async () => {
    const crew = await t.login('checkpoint02', DEMO_PASSWORD);
    const me = (await crew.get('/api/auth/me')).json() as { id: string };
    const roster = (
      await crew.get('/api/checkpoints/roster?from=2020-01-24T16:00:00Z&to=2020-01-25T16:00:00Z')
    ).json() as {
      items: {
        siteName: string;
        startsAt: string;
        people: {
          userId: string | null;
          personId: string | null;
          name: string;
          checkedInAt: string | null;
          checkedOutAt: string | null;
        }[];
      }[];
    };
    const exit = roster.items.filter((s) => s.siteName === '京昆高速平遥出口');
    expect(exit.map((s) => s.startsAt)).toEqual([
      '2020-01-24T16:00:00.000Z',
      '2020-01-25T00:00:00.000Z',
      '2020-01-25T08:00:00.000Z',
    ]);
    const day = exit[1]!;
    expect(day.people.some((p) => p.userId === me.id)).toBe(true);
    for (const s of exit) {
      expect(s.people.length).toBeGreaterThanOrEqual(2);
      expect(s.people.length).toBeLessThanOrEqual(3);
    }
    // Checked in and out as of the demo's snapshot (25 January, 15:00 Beijing): the night shift is over, the day shift is on.
    expectAll(exit[0]!.people, (p) => p.checkedInAt && p.checkedOutAt);
    expectAll(day.people, (p) => p.checkedInAt && !p.checkedOutAt);
    expect(
      roster.items.some((s) => s.people.some((p) => p.personId !== null)),
      'volunteers from the registry',
    ).toBe(true);

    const res = await command.get('/api/checkpoints/roster/gaps');
    expect(res.statusCode, res.body).toBe(200);
    const gaps = (res.json() as { items: { siteName: string; from: string; to: string }[] }).items;
    // Now (07:55Z) everyone is covered; the evening shift of one village entrance has nobody on it;
    // the small county's roster is one day long, so every site is uncovered after it.
    expectAll(gaps, (g) => g.from >= '2020-01-25T08:00:00.000Z');
    expect(gaps.filter((g) => g.from === '2020-01-25T08:00:00.000Z').map((g) => g.siteName)).toHaveLength(1);
    expect(gaps.filter((g) => g.from === '2020-01-25T16:00:00.000Z')).toHaveLength(2);
  });

  it('raised alerts for checkpoint fevers, and tagged the people', async () => {
    const alerts = await t.db.selectFrom('alerts').selectAll().where('source_type', '=', 'passage').execute();
    const fevers = alerts.filter((a) => a.kind === 'fever');
    expect(fevers.length).toBeGreaterThan(0);
    // one fever, one alert: it points at the referral record (the settled ones came back 排除)
    expect(alerts.filter((a) => a.kind === 'refer')).toEqual([]);
    const referrals = await t.db.selectFrom('referrals').selectAll().where('source_type', '=', 'passage').execute();
    expect(referrals).toHaveLength(fevers.length);
    for (const a of fevers) {
      const referral = referrals.find((r) => r.id === a.referral_id)!;
      expect(referral).toMatchObject({ source_type: 'passage', source_id: a.source_id, person_id: a.person_id });
      expect(referral.outcome).toBe(a.acknowledged_at ? 'excluded' : null);
    }
    for (const a of fevers) {
      const passage = await t.db
        .selectFrom('passages')
        .selectAll()
        .where('id', '=', a.source_id!)
        .executeTakeFirstOrThrow();
      expect(passage.decision).toBe('referred');
      expect(passage.fever_count).toBeGreaterThan(0);
      expect(a.message).toMatch(/^卡口发热：.+（3[7-9]\.\d℃），/);
      if (a.person_id) {
        const tags = (
          await t.db.selectFrom('person_tags').select('tag').where('person_id', '=', a.person_id).execute()
        ).map((x) => x.tag);
        expect(tags).toEqual(expect.arrayContaining(['fever', 'key_person']));
      }
    }
    const open = (await command.get('/api/alerts?open=true&limit=500')).json() as { items: { sourceType: string }[] };
    expect(open.items.some((a) => a.sourceType === 'passage')).toBe(true);
  });
});

describe("the checkpoint demo's rows", () => {
  let first: TestDatabase;
  let second: TestDatabase;
  const clock = { now: () => new Date('2020-01-25T08:00:00Z') };

  beforeAll(async () => {
    [first, second] = await Promise.all([testDb(), testDb()]);
    await smallDemo(first.db, clock as TestApp['clock']);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('are what the passage writer would have written: counts, fevers, links to the registry, strangers registered where first seen', async () => {
    const { db } = first;
    const passages = await db.selectFrom('passages').selectAll().execute();
    const occupants = await db.selectFrom('passage_occupants').selectAll().execute();
    expect(passages.length).toBeGreaterThanOrEqual(300);
    expect(passages.length).toBeLessThanOrEqual(600);
    const byPassage = new Map<string, typeof occupants>();
    for (const o of occupants) byPassage.set(o.passage_id, [...(byPassage.get(o.passage_id) ?? []), o]);
    for (const p of passages) {
      const own = byPassage.get(p.id) ?? [];
      expect(own).toHaveLength(p.occupant_count);
      expect(own.filter((o) => o.fever === 1)).toHaveLength(p.fever_count);
      expect(p.plate === null).toBe(p.vehicle_type === 'none');
      if (p.fever_count > 0) expect(p.decision).toBe('referred');
      expect(p.at >= '2020-01-19T16:00:00.000Z' && p.at < '2020-01-31T16:00:00.000Z').toBe(true);
    }
    for (const o of occupants) {
      expect(o.fever === 1).toBe(o.temperature >= FEVER_CELSIUS);
      if (o.id_number) {
        expect(idCardProblem(o.id_number), o.id_number).toBeNull();
        expect(o.person_id).not.toBeNull();
      } else expect(o.person_id !== null, o.name).toBe(o.phone !== null);
    }
    const sizes = passages.filter((p) => p.vehicle_type !== 'bus').map((p) => p.occupant_count);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);

    const linked = new Set(occupants.map((o) => o.person_id).filter((x): x is string => x !== null));
    const persons = await db
      .selectFrom('persons')
      .select(['id', 'id_number', 'household_id', 'note', 'region_path'])
      .where('id', 'in', [...linked])
      .execute();
    expect(persons).toHaveLength(linked.size);
    const strangers = persons.filter((p) => p.household_id === null);
    expect(strangers.length).toBeGreaterThan(0);
    const tags = await db
      .selectFrom('person_tags')
      .select(['person_id', 'tag'])
      .where('tag', 'in', ['non_local', 'unverified_identity'])
      .execute();
    const nonLocal = new Set(tags.filter((t) => t.tag === 'non_local').map((t) => t.person_id));
    const unverified = new Set(tags.filter((t) => t.tag === 'unverified_identity').map((t) => t.person_id));
    expect(strangers.filter((p) => p.id_number === null).length).toBeGreaterThanOrEqual(TRACED_BUS.phoneOnly);
    for (const p of strangers) {
      expect(p.note).toMatch(/^首次登记于卡口：/);
      if (p.id_number === null) {
        expect(unverified.has(p.id)).toBe(true);
        continue;
      }
      expect(p.id_number.startsWith('140728')).toBe(false);
      expect(nonLocal.has(p.id)).toBe(true);
    }
    const turnedBack = passages.filter((p) => p.decision === 'turned_back').length;
    expect(turnedBack).toBeGreaterThan(0);
    expect(turnedBack / passages.length).toBeLessThan(0.1);
  });

  it('are the same for the same seed', async () => {
    await smallDemo(second.db, clock as TestApp['clock']);
    const rows = async (db: Db) => ({
      // region ids come from loading the division table, at load time: not part of the demo's seed
      sites: (await db.selectFrom('checkpoint_sites').selectAll().orderBy('id').execute()).map(
        ({ region_id: _, ...s }) => s,
      ),
      shifts: await db.selectFrom('duty_shifts').selectAll().orderBy('id').execute(),
      assignments: await db.selectFrom('duty_assignments').selectAll().orderBy('id').execute(),
      passages: await db.selectFrom('passages').selectAll().orderBy('id').execute(),
      occupants: await db.selectFrom('passage_occupants').selectAll().orderBy('passage_id').orderBy('seq').execute(),
      alerts: await db.selectFrom('alerts').selectAll().where('source_type', '=', 'passage').orderBy('id').execute(),
    });
    const [a, b] = await Promise.all([rows(first.db), rows(second.db)]);
    expect(b).toEqual(a);
  });
});
