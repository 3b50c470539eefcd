import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { Passage } from '../../../shared/checkpoints';
import type { PassageRow, occupantsOf } from './passages.repository';

type OccupantRow = Awaited<ReturnType<typeof occupantsOf>>[number];

/** A passage as the API returns it: occupants' ID numbers and phones masked. */
export function toPassage(p: PassageRow, occupants: OccupantRow[]): Passage {
  return {
    id: p.id,
    siteId: p.site_id,
    siteName: p.site_name ?? null,
    at: p.at,
    direction: p.direction,
    plate: p.plate,
    vehicleType: p.vehicle_type,
    origin: p.origin,
    destination: p.destination,
    purpose: p.purpose,
    disinfected: p.disinfected === 1,
    leaflet: p.leaflet === 1,
    decision: p.decision,
    occupants: occupants
      .filter((o) => o.passage_id === p.id)
      .map((o) => ({
        seq: o.seq,
        personId: o.person_id,
        name: o.name,
        idNumber: maskIdNumber(o.id_number),
        phone: maskPhone(o.phone),
        temperature: o.temperature,
        symptoms: o.symptoms ? JSON.parse(o.symptoms) : [],
        fever: o.fever === 1,
      })),
  };
}
