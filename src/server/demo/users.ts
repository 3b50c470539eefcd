import type { RegionRow } from '../features/regions';
import type { ResponsibilityTable } from '../features/responsibility';
import type { UserTable } from '../features/users';
import type { Role } from '../../shared/enums';
import { randomFullName } from './names';
import { randomMobile } from './people';
import { DemoIds, Rng } from './random';
import type { GridPlan } from './tree';

/**
 * The demo's accounts, one per role with deterministic usernames, all sharing one password hash:
 * `command` (指挥部, the county), `township01…` (one cadre per township/street), `grid0001…` (one
 * grid worker per generated grid), and a few checkpoint crews, village observers, an organisation
 * department clerk and a supplies desk clerk. Village cadres come from demoVillageUsers.
 */
export interface DemoUsers {
  rows: UserTable[];
  byUsername: Map<string, UserTable>;
  gridUserOf: Map<string, UserTable>;
}

export function demoUsers(
  rng: Rng,
  ids: DemoIds,
  passwordHash: string,
  now: string,
  county: RegionRow,
  townships: RegionRow[],
  grids: GridPlan[],
): DemoUsers {
  const rows: UserTable[] = [];
  const add = (username: string, role: Role, region: RegionRow) => {
    const row: UserTable = {
      id: ids.next(),
      username,
      display_name: randomFullName(rng, rng.chance(0.6) ? 'M' : 'F', rng.int(1965, 1995)),
      role,
      region_id: region.id,
      region_path: region.path,
      phone: randomMobile(rng),
      password_hash: passwordHash,
      status: 'active',
      locale: 'zh-CN',
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    };
    rows.push(row);
    return row;
  };
  add('command', 'command', county);
  for (const [i, t] of townships.entries()) add(`township${pad(i + 1, 2)}`, 'township', t);
  const gridUserOf = new Map<string, UserTable>();
  for (const [i, g] of grids.entries()) gridUserOf.set(g.row.id, add(`grid${pad(i + 1, 4)}`, 'grid', g.row));
  // Checkpoint crews answer to the township whose exits and village entrances they guard.
  for (let i = 0; i < Math.min(5, townships.length); i++)
    add(`checkpoint${pad(i + 1, 2)}`, 'checkpoint', townships[(i * 3) % townships.length]!);
  // Observers are village doctors watching home isolation in the villages that have grids.
  const villages = [...new Map(grids.map((g) => [g.village.id, g.village])).values()];
  for (let i = 0; i < Math.min(3, villages.length); i++) add(`observer${pad(i + 1, 2)}`, 'observer', villages[i]!);
  add('organisation01', 'organisation', county);
  add('supplies01', 'supplies', county);
  return { rows, byUsername: new Map(rows.map((r) => [r.username, r])), gridUserOf };
}

/**
 * Village cadres (村两委委员 / 网格长): one user of role grid bound to each village or community —
 * `village001`, `village002` … in code order — who files the village's daily report (一日一汇报).
 * Drawn from their own random streams, after everything else, so adding them moved no other
 * generated row.
 */
export function demoVillageUsers(
  seed: number,
  epochMs: number,
  passwordHash: string,
  now: string,
  villages: RegionRow[],
): UserTable[] {
  const rng = new Rng(seed ^ 0x7a11a6e5);
  const ids = new DemoIds(epochMs + 1000, new Rng(seed ^ 0x3c6ef372));
  return villages.map((v, i) => ({
    id: ids.next(),
    username: `village${pad(i + 1, 3)}`,
    display_name: randomFullName(rng, rng.chance(0.6) ? 'M' : 'F', rng.int(1965, 1990)),
    role: 'grid',
    region_id: v.id,
    region_path: v.path,
    phone: randomMobile(rng),
    password_hash: passwordHash,
    status: 'active',
    locale: 'zh-CN',
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  }));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * 包保责任制: someone answerable for most nodes — the county's commander for the county, county
 * leaders for townships, township cadres for villages, the grid worker for each grid, a building
 * or courtyard head (楼栋长 / 院落长) for each building. A few of each level are left without
 * anyone on purpose, so the gaps view (责任空白) has something to show.
 */
export function demoResponsibilities(
  rng: Rng,
  ids: DemoIds,
  now: string,
  county: RegionRow,
  townships: RegionRow[],
  villages: RegionRow[],
  grids: GridPlan[],
  users: DemoUsers,
): ResponsibilityTable[] {
  const rows: ResponsibilityTable[] = [];
  const add = (
    region: RegionRow,
    personName: string,
    post: string,
    phone: string | null,
    userId: string | null = null,
  ) => {
    rows.push({
      id: ids.next(),
      region_id: region.id,
      region_path: region.path,
      person_name: personName,
      post,
      phone,
      user_id: userId,
      note: null,
      created_at: now,
      updated_at: now,
    });
  };
  const person = () => randomFullName(rng, rng.chance(0.7) ? 'M' : 'F', rng.int(1962, 1985));

  const command = users.byUsername.get('command')!;
  add(county, command.display_name, '县疫情防控指挥部总指挥', command.phone, command.id);
  // Eight county leaders share the townships between them (四包一: one leader, several townships).
  const leaders = Array.from({ length: 8 }, (_, i) => ({
    name: person(),
    post: i < 2 ? '县委常委' : '副县长',
    phone: randomMobile(rng),
  }));
  townships.forEach((t, i) => {
    if (i === townships.length - 1) return; // one township without a county leader
    const leader = leaders[i % leaders.length]!;
    add(t, leader.name, `${leader.post}（包联${t.name}）`, leader.phone);
  });

  const townshipUserOf = new Map(users.rows.filter((u) => u.role === 'township').map((u) => [u.region_id!, u]));
  const firstVillageOf = new Set<string>();
  for (const v of villages) {
    if (!rng.chance(0.92)) continue;
    const cadre = townshipUserOf.get(v.parent_id!);
    // The township's own demo cadre answers for its first village; other villages get other cadres.
    if (cadre && !firstVillageOf.has(v.parent_id!)) {
      firstVillageOf.add(v.parent_id!);
      add(v, cadre.display_name, '乡镇包村干部', cadre.phone, cadre.id);
    } else {
      add(v, person(), '乡镇包村干部', randomMobile(rng));
    }
  }

  for (const g of grids) {
    const worker = users.gridUserOf.get(g.row.id)!;
    if (rng.chance(0.95)) add(g.row, worker.display_name, '网格员（村两委委员）', worker.phone, worker.id);
    for (const b of g.buildings) {
      if (rng.chance(0.9)) add(b.row, person(), b.row.name.endsWith('院') ? '院落长' : '楼栋长', randomMobile(rng));
    }
  }
  return rows;
}
