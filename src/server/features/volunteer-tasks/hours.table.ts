import type { HoursStatus, TaskKind } from '../../../shared/volunteer-tasks';

/**
 * One check-in/out of a volunteer (服务记录), for a task or a checkpoint shift. Open while checked
 * in; pending once checked out (or closed after 12 hours by the rule, `auto_closed` = 1); then
 * approved or refused by the lead. Never deleted: a refusal keeps the row and its reason.
 * `group_id`/`team_id` are the task's, so totals per group and team need no second lookup.
 */
export interface VolunteerHoursTable {
  id: string;
  person_id: string;
  region_path: string;
  task_id: string | null;
  shift_id: string | null;
  group_id: string | null;
  team_id: string | null;
  kind: TaskKind;
  check_in_at: string;
  check_out_at: string | null;
  minutes: number;
  auto_closed: number;
  status: HoursStatus;
  refusal_reason: string | null;
  checked_in_by: string | null;
  checked_out_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

/** A 志愿服务证明 as issued: what it states is frozen here (the public check shows exactly this). */
export interface VolunteerCertificateTable {
  id: string;
  serial: string;
  /** the unguessable code of the public check page (/vs/<code>) */
  code: string;
  person_id: string;
  region_path: string;
  from_day: string;
  to_day: string;
  total_minutes: number;
  /** JSON { byMonth: [{month, minutes}], byKind: [{kind, minutes}] } */
  breakdown: string;
  issuer: string;
  issued_by: string;
  issued_at: string;
}
