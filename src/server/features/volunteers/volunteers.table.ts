/**
 * A volunteer (志愿者): a registry person (one person, one volunteer) serving in a village or
 * community (region_id/region_path: their jurisdiction). `skills` is a comma-separated list of
 * skill codes; `availability` a JSON array of { weekday: 1–7, from: 'HH:MM', to: 'HH:MM' };
 * `health_declaration` a JSON object of the answers given at `health_declared_at`.
 */
export interface VolunteerTable {
  id: string;
  person_id: string;
  region_id: string;
  region_path: string;
  skills: string;
  availability: string;
  health_declaration: string | null;
  health_declared_at: string | null;
  status: 'pending' | 'active' | 'suspended' | 'left';
  source: 'self' | 'cadre';
  note: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A group of 3–5 volunteers under a leader (a member of the group), in a village or community. */
export interface VolunteerGroupTable {
  id: string;
  region_id: string;
  region_path: string;
  name: string;
  leader_person_id: string | null;
  /** forming: 0–5 members, being put together; active: 3–5 members with a leader among them */
  status: 'forming' | 'active';
  note: string | null;
  disbanded_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A volunteer in a group; leaving sets left_at (the row stays, so past tasks still name them). */
export interface VolunteerGroupMemberTable {
  group_id: string;
  person_id: string;
  region_path: string;
  joined_at: string;
  left_at: string | null;
}

/** One weekly time range a volunteer is available: weekday 1 (Monday) – 7, 'HH:MM' from < to ('24:00' ends the day). */
export interface VolunteerAvailabilityTable {
  volunteer_id: string;
  region_path: string;
  weekday: number;
  from_time: string;
  to_time: string;
}

/** A village's or community's public sign-up link (志愿者招募): one stable, unguessable token per region. */
export interface VolunteerSignupLinkTable {
  region_id: string;
  region_path: string;
  token: string;
  created_by: string | null;
  created_at: string;
}

/**
 * A volunteer's personal link (个人签到链接): a no-login phone page for checking themselves in and
 * out of their tasks. Only the SHA-256 of the token is stored; shown once when issued.
 */
export interface VolunteerSelfLinkTable {
  token_hash: string;
  volunteer_id: string;
  person_id: string;
  region_path: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: string | null;
  created_at: string;
}
