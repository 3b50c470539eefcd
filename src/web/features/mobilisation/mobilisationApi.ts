import type { MobilisationOverview } from '../../../shared/mobilisation';
import { api } from '../../app/api';

/** The organisation department's figures (/api/mobilisation): the overview of a region on a day and its .xlsx. */
export const mobilisationApi = {
  overview: (query: { region?: string; day?: string }) =>
    api.get<MobilisationOverview>('/mobilisation/overview', query),
  exportXlsx: (query: { region?: string; day?: string }) =>
    api.download('/mobilisation/overview.xlsx', 'mobilisation.xlsx', query),
};
