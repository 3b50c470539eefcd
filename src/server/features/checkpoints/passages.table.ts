export interface PassageTable {
  id: string;
  site_id: string;
  region_path: string;
  at: string;
  direction: 'in' | 'out';
  plate: string | null;
  vehicle_type: string;
  origin: string | null;
  destination: string | null;
  purpose: string | null;
  disinfected: number;
  leaflet: number;
  decision: 'pass' | 'turned_back' | 'referred' | 'isolated';
  occupant_count: number;
  fever_count: number;
  recorder_id: string | null;
  created_at: string;
}

export interface PassageOccupantTable {
  passage_id: string;
  seq: number;
  person_id: string | null;
  region_path: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  temperature: number;
  symptoms: string | null;
  fever: number;
}
