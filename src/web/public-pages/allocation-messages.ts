/** The public ledger's "where everything went" and designated-use strings (去向 / 定向使用), Chinese and English. */
export const allocationZh = {
  wentTitle: '物资去向（调拨到各单位）',
  wentIntro: '每一次调拨：从哪个仓库发出、送到哪个单位、发出多少、签收多少。',
  designatedTitle: '定向捐赠使用情况',
  designatedIntro: '定向捐赠的物资只交给指定单位；改作他用须经指挥部决定，理由在此公示。',
  sent: '发出 {n}',
  received: '签收 {n}',
  inTransit: '在途',
  short: '差 {n}：{reason}',
  designatedTo: '指定：{to}',
  honoured: '按指定交付',
  decision: '指挥部决定改变用途：{reason}',
  none: '暂无记录',
  more: '更多',
  loading: '正在加载…',
  network: '无法连接服务器，请检查网络后重试',
} as const;
export type AllocationKey = keyof typeof allocationZh;

export const allocationEn: Record<AllocationKey, string> = {
  wentTitle: 'Where everything went (allocations to units)',
  wentIntro: 'Every allocation: the warehouse it left, the unit it went to, how much was sent and how much signed for.',
  designatedTitle: 'Designated donations: how they were used',
  designatedIntro:
    'Designated goods go only to the designated recipient; any other use needs a decision of the command centre, whose reason is published here.',
  sent: 'sent {n}',
  received: 'signed for {n}',
  inTransit: 'in transit',
  short: '{n} short: {reason}',
  designatedTo: 'designated: {to}',
  honoured: 'delivered as designated',
  decision: 'command centre decision to use it elsewhere: {reason}',
  none: 'Nothing yet',
  more: 'More',
  loading: 'Loading…',
  network: 'Cannot reach the server; check the connection and try again',
};
