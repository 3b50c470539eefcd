import type { z } from 'zod';
import type { BranchDonations, DonationDetail, DonationInput, ReceiveInput } from '../../../shared/donations';
import type {
  ItemInput,
  LedgerEntry,
  StockRow,
  StocktakeInput,
  SupplyItem,
  Warehouse,
  WarehouseInput,
  WarehousePatch,
} from '../../../shared/supplies';
import { api } from '../../app/api';

/** The supplies desk's endpoints (/api/supplies…, /api/donations…). */
export const suppliesApi = {
  items: () => api.get<SupplyItem[]>('/supplies/items'),
  createItem: (body: z.input<typeof ItemInput>) => api.post<SupplyItem>('/supplies/items', body),
  createWarehouse: (body: z.input<typeof WarehouseInput>) => api.post<Warehouse>('/supplies/warehouses', body),
  changeWarehouse: (id: string, body: z.input<typeof WarehousePatch>) =>
    api.patch<Warehouse>(`/supplies/warehouses/${id}`, body),
  stock: (warehouseId?: string) => api.get<StockRow[]>('/supplies/stock', { warehouseId }),
  stocktake: (body: z.input<typeof StocktakeInput>) => api.post<LedgerEntry>('/supplies/ledger/stocktake', body),
  reverse: (seq: number, reason: string) => api.post<LedgerEntry>(`/supplies/ledger/${seq}/reverse`, { reason }),
  donation: (id: string) => api.get<DonationDetail>(`/donations/${id}`),
  register: (body: z.input<typeof DonationInput>) => api.post<DonationDetail>('/donations', body),
  receive: (id: string, body: z.input<typeof ReceiveInput>) =>
    api.post<DonationDetail>(`/donations/${id}/receive`, body),
  byBranch: () => api.get<BranchDonations[]>('/donations/by-branch'),
};
