import type { TaskKind, TaskStatus } from '../../../shared/volunteer-tasks';

/**
 * A volunteer task (志愿服务任务) in a place (region_id/region_path: its jurisdiction, plus a text)
 * and a time window, assigned to a person, a volunteer group or a team; links to the gathering,
 * necessity request or checkpoint site/shift it serves. A done task keeps its note and optional photo
 * (a file under the data directory; `photo_file` is its name there).
 */
export interface VolunteerTaskTable {
  id: string;
  region_id: string;
  region_path: string;
  kind: TaskKind;
  title: string;
  place: string;
  starts_at: string;
  ends_at: string;
  assignee_kind: 'person' | 'group' | 'team';
  group_id: string | null;
  team_id: string | null;
  gathering_id: string | null;
  necessity_id: string | null;
  site_id: string | null;
  shift_id: string | null;
  status: TaskStatus;
  note: string | null;
  done_note: string | null;
  photo_file: string | null;
  photo_type: string | null;
  done_at: string | null;
  done_by: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The persons a task is for: its assignee resolved (a group's or team's members when it was assigned). */
export interface VolunteerTaskAssigneeTable {
  task_id: string;
  person_id: string;
  region_path: string;
  created_at: string;
}
