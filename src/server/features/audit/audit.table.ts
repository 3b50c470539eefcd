export interface AuditTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  region_path: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}
