/** A standing team (党员突击队 / 志愿服务队 / 应急小组) based in a region of the jurisdiction. */
export interface CalloutTeamTable {
  id: string;
  region_id: string;
  region_path: string;
  name: string;
  kind: 'commando' | 'volunteer' | 'emergency';
  /** the team's skills, comma-separated (driver,medical,…) */
  skills: string;
  note: string | null;
  /** active, or disbanded (a disbanded team keeps its rows; call-outs will refer to them) */
  status: 'active' | 'disbanded';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A registry person on a team, with their role (队长 / 队员) and skills; one row per person and team. */
export interface CalloutTeamMemberTable {
  id: string;
  team_id: string;
  person_id: string;
  /** the team's region path (jurisdiction of the membership is the team's) */
  region_path: string;
  role: 'leader' | 'member';
  /** comma-separated */
  skills: string;
  created_at: string;
}
