import type { callsZhCN } from './zh-CN.calls';

/** Calling people from their work: the call button. */
export const callsEn: Record<keyof typeof callsZhCN, string> = {
  'call.call': 'Call',
  'call.callName': 'Call {name}',
};
