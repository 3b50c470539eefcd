import type { mobilisationZhCN } from './zh-CN.mobilisation';

/** The organisation department's figures. */
export const mobilisationEn: Record<keyof typeof mobilisationZhCN, string> = {
  'nav.mobilisation': 'Mobilisation',
  'mobilisation.title': 'Party members and volunteers',
  'mobilisation.titleOf': '{name} · party members and volunteers',
  'mobilisation.day': 'Day',
  'mobilisation.export': 'Export Excel',
  'mobilisation.up': 'Up one level',
  'mobilisation.region': 'Region',
  'mobilisation.total': 'Total',
  'mobilisation.noChildren': 'No regions below',
  'mobilisation.flags':
    '{n} temporary-branch flags in this area (should be set up, or below the minimum): see Temporary branches',
  'mobilisation.calloutFirstAck': 'Call-outs: first acknowledgement (median)',
  'mobilisation.calloutArrive': 'Call-outs: arrival (median)',
  'mobilisation.calloutWithinStandard': 'Complete within {m} min',
  'mobilisation.minutesValue': '{n} min',
  'mobilisation.calloutTimesNote':
    "Call-out times: the median from the order to the first acknowledgement and to each person's arrival, and the share of call-outs where everyone (but those who declined) arrived within {m} minutes; per township, not per village.",
  'mobilisation.note':
    'Figures are rolled up from the data itself (the same as the big screen and the daily report) every few minutes; "at the front line" counts party members on a checkpoint shift or arriving at a call-out that day, each once.',
  'mobilisation.giving.moneyToday': "Party members' donations today (yuan)",
  'mobilisation.giving.money': "Party members' donations to date (yuan)",
  'mobilisation.giving.members': 'Members who gave',
};
