/** Calling people from their work (issue 18): the call button. */
export const callsZhCN = {
  'call.call': '拨打',
  'call.callName': '拨打 {name}',
};
