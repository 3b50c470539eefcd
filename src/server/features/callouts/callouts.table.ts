/** A call-out (集结令): an order to a team or picked persons to reach a meeting point by a deadline. */
export interface CalloutTable {
  id: string;
  region_id: string;
  region_path: string;
  team_id: string | null;
  meeting_point: string;
  note: string | null;
  ordered_by: string;
  ordered_by_name: string;
  ordered_at: string;
  deadline_at: string;
  /** links expire two hours after the deadline; the call-out stops counting as active then */
  expires_at: string;
  status: 'active' | 'closed';
  closed_at: string | null;
  /** the code in the meeting point's QR (/p/<code>): scanning it at the point checks a person in; null before 0023 */
  point_code: string | null;
  /** the skill of an "everyone with skill X in region Y" call-out (the region is the call-out's) */
  target_skill: string | null;
}

/** One person's order in a call-out, and where it stands (the latest answer; history in callout_answers). */
export interface CalloutOrderTable {
  id: string;
  callout_id: string;
  person_id: string;
  region_path: string;
  answer: 'coming' | 'late' | 'cannot' | 'arrived' | null;
  eta_minutes: number | null;
  reason: string | null;
  answered_at: string | null;
  first_ack_at: string | null;
  arrived_at: string | null;
  changes: number;
}

/** Every answer and check-in, in order: a changed answer is kept, never overwritten. */
export interface CalloutAnswerTable {
  id: string;
  order_id: string;
  region_path: string;
  answer: 'coming' | 'late' | 'cannot' | 'arrived';
  eta_minutes: number | null;
  reason: string | null;
  /** 'link' (the person) or the user who checked them in */
  by: string;
  at: string;
}

/** A person's link: the SHA-256 of a 128-bit random token (the token itself is only in the SMS). */
export interface CalloutLinkTable {
  token_hash: string;
  order_id: string;
  expires_at: string;
  created_at: string;
}

/** One SMS to send (the order, or a reminder): a gateway sender drains pending rows. */
export interface CalloutOutboxTable {
  id: string;
  callout_id: string;
  order_id: string;
  region_path: string;
  kind: 'order' | 'reminder';
  phone: string | null;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** a failed send waits until then (backoff); null: due at once */
  next_attempt_at: string | null;
  /** the drain loop that claimed the row, and until when its claim holds (then another may take it) */
  claimed_by: string | null;
  claimed_until: string | null;
}
