import type { Generated } from 'kysely';

/** One due temperature check of an episode (morning, evening …). */
export interface FollowUpSlotTable {
  id: string;
  episode_id: string;
  person_id: string;
  region_path: string;
  observer_id: string | null;
  day: string;
  seq: number;
  due_from: string;
  due_to: string;
  status: 'pending' | 'filled' | 'missed' | 'cancelled';
  temperature: number | null;
  /** JSON array of symptom codes */
  symptoms: string | null;
  condition: 'well' | 'unwell' | 'not_seen' | 'refused' | null;
  note: string | null;
  via: 'observer' | 'self' | null;
  filled_by: string | null;
  filled_at: string | null;
  missed_at: string | null;
  /** 1 while the episode is active, 0 once it has ended */
  episode_open: Generated<number>;
}
