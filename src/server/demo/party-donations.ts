import type { Db } from '../db/database';
import { ManualClock } from '../clock';
import type { Actor } from '../access/actor';
import { listPartyMembers } from '../features/party';
import type { RegionRow } from '../features/regions';
import type { UserTable } from '../features/users';
import { createWarehouse } from '../features/supplies';
import { receiveDonation, registerDonation } from '../features/donations';

/**
 * "两个村的党员捐款6220元": party members of two villages of the first township give money to the
 * fight, each under their own name (a few would rather not be named), between 27 January and
 * 2 February; the branches hand it to the township's account, which books it on 7 February.
 * Each donation is linked to the member and their village branch, so 捐赠登记 lists them by branch
 * and mobilisation's figures count them for the township.
 */
export const PARTY_DEMO_TOTAL_YUAN = 6220;

/** Per village: what each member gave, in yuan (the first village 3,420, the second 2,800). */
const GIFTS = [
  [500, 300, 300, 200, 200, 200, 200, 200, 200, 200, 100, 100, 100, 100, 100, 100, 100, 100, 100, 20],
  [500, 500, 300, 200, 200, 200, 200, 100, 100, 100, 100, 100, 100, 100],
];

export async function buildPartyDonationsDemo(
  db: Db,
  opts: { county: RegionRow; townships: RegionRow[]; desk: UserTable; timeZone: string },
): Promise<{ donations: number; yuan: number }> {
  const clock = new ManualClock(new Date('2020-01-27T02:00:00Z'));
  const ctx = { clock, timeZone: opts.timeZone };
  const actor: Actor = {
    id: opts.desk.id,
    username: opts.desk.username,
    displayName: opts.desk.display_name,
    role: 'supplies',
    regionId: opts.county.id,
    regionPath: opts.county.path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
  // the two village branches with the most members of the first township that has two
  let township: RegionRow | undefined;
  let branches: Awaited<ReturnType<typeof listPartyMembers>>[] = [];
  for (const t of opts.townships) {
    const byBranch = new Map<string, Awaited<ReturnType<typeof listPartyMembers>>>();
    for (const m of await listPartyMembers(db, { prefix: t.path }, { limit: 500 }))
      if (m.organisation_name.endsWith('村党支部'))
        byBranch.set(m.organisation_id, [...(byBranch.get(m.organisation_id) ?? []), m]);
    branches = [...byBranch.values()].sort((a, b) => b.length - a.length).slice(0, 2);
    township = t;
    if (branches.length === 2) break;
  }
  if (!township || branches.length < 2) return { donations: 0, yuan: 0 };
  const registered: { id: string; lineId: string; amount: number }[] = [];
  let yuan = 0;
  for (const [b, ms] of branches.entries()) {
    const gifts = GIFTS[b]!;
    // a small village has fewer members than gifts: the members who gave give the rest too
    const givers = ms.slice(0, gifts.length);
    for (const [i, m] of givers.entries()) {
      const amount = gifts.filter((_, g) => g % givers.length === i).reduce((sum, a) => sum + a, 0);
      clock.set(new Date(Date.parse('2020-01-27T02:00:00Z') + (i % 7) * 86_400_000 + b * 3_600_000 + i * 60_000));
      const d = await registerDonation(db, ctx, actor, {
        partyMemberId: m.id,
        ...(i % 9 === 4 ? { donor: { kind: 'anonymous' as const } } : {}),
        regionId: township.id,
        donatedOn: new Intl.DateTimeFormat('en-CA', { timeZone: opts.timeZone }).format(clock.now()),
        purpose: 'general',
        note: `${m.organisation_name}党员捐款`,
        money: { amount, channel: '现金' },
      });
      registered.push({ id: d.id, lineId: d.lines[0]!.id, amount });
      yuan += amount;
    }
  }
  if (!registered.length) return { donations: 0, yuan: 0 };
  // booked after the supplies demo's last ledger entry: the ledger is in time order
  clock.set(new Date('2020-02-07T01:30:00Z'));
  const account = await createWarehouse(db, clock, actor, {
    name: `${township.name}党员捐款专户`,
    kind: 'township',
    regionId: township.id,
  });
  for (const r of registered) {
    clock.advance(1000);
    await receiveDonation(db, ctx, actor, r.id, {
      warehouseId: account.id,
      lines: [{ lineId: r.lineId, quantity: r.amount, batch: '', verdict: 'accepted' }],
    });
  }
  return { donations: registered.length, yuan };
}
