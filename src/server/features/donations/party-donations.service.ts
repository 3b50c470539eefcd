import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import type { BranchDonations, PartyDonationFiguresRow } from '../../../shared/donations';
import { listTownshipsOverlapping } from '../regions';
import { listPartyDonationLines, sumDonationsByBranch } from './donations.repository';

/** Party members' donations per branch (党支部) of the jurisdiction: donations, members who gave, yuan, goods lines. */
export async function donationsByBranch(db: Db, scope: Scope): Promise<BranchDonations[]> {
  return (await sumDonationsByBranch(db, scope)).map((r) => ({
    partyOrgId: r.party_org_id!,
    name: r.name,
    donations: Number(r.donations),
    members: Number(r.members),
    money: Number(r.money ?? 0),
    goodsLines: Number(r.goods_lines ?? 0),
  }));
}

/** The row of donations received by the county itself (not by a township). */
const COUNTY_LEVEL = '县本级';

/**
 * Party members' donations (党员捐款: "两个村的党员捐款6220元") per township of the jurisdiction, for
 * mobilisation's figures: donations given on the local day `day` (by their donation date) and up to
 * it, the members who gave and the yuan. A donation counts where it was received — the township, or
 * a village under it; donations received by the county itself get a row keyed by the county's
 * path. Townships with none show zeros; the last row is the total.
 */
export async function partyDonationFigures(
  db: Db,
  scope: Scope,
  { day }: { day: string },
): Promise<{ day: string; rows: PartyDonationFiguresRow[]; total: PartyDonationFiguresRow }> {
  const [townships, lines] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    listPartyDonationLines(db, scope, day),
  ]);
  const empty = (regionPath: string, regionId: string | null, name: string): PartyDonationFiguresRow => ({
    regionPath,
    regionId,
    name,
    donationsToday: 0,
    moneyToday: 0,
    donations: 0,
    members: 0,
    money: 0,
  });
  const rows = new Map(townships.map((t) => [t.path, empty(t.path, t.id, t.name)]));
  const total = empty(scope.prefix, null, '');
  const members = new Map<PartyDonationFiguresRow, Set<string>>();
  const donations = new Map<PartyDonationFiguresRow, Set<string>>();
  for (const l of lines) {
    const key = townships.find((t) => l.region_path.startsWith(t.path))?.path ?? l.region_path;
    const row = rows.get(key) ?? rows.set(key, empty(key, null, COUNTY_LEVEL)).get(key)!;
    for (const r of [row, total]) {
      const seen = donations.get(r) ?? donations.set(r, new Set()).get(r)!;
      const isNew = !seen.has(l.id);
      seen.add(l.id);
      (members.get(r) ?? members.set(r, new Set()).get(r)!).add(l.party_member_id!);
      const yuan = l.kind === 'money' ? l.quantity : 0;
      r.money += yuan;
      if (isNew) r.donations++;
      if (l.donated_on === day) {
        r.moneyToday += yuan;
        if (isNew) r.donationsToday++;
      }
    }
  }
  for (const [r, set] of members) r.members = set.size;
  return { day, rows: [...rows.values()], total };
}
