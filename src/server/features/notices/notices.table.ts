/**
 * 通知 / 通告: an internal notice to the users of a region subtree (and some roles), or a public
 * announcement with a no-login page. region_path is whom it reaches and who may manage it.
 */
export interface NoticeTable {
  id: string;
  kind: 'internal' | 'public';
  title: string;
  body: string;
  urgency: 'routine' | 'urgent' | 'immediate';
  region_id: string;
  region_path: string;
  /** JSON array of roles it is addressed to; [] is every role */
  audience_roles: string;
  state: 'draft' | 'published' | 'withdrawn';
  /** the public page's address (public announcements only) */
  slug: string | null;
  created_by: string | null;
  author_name: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  withdrawn_at: string | null;
}

/** A read receipt: an addressee opened the notice. */
export interface NoticeReadTable {
  notice_id: string;
  user_id: string;
  read_at: string;
}
