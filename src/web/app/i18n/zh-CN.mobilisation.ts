/** 动员统计 (the organisation department's figures). */
export const mobilisationZhCN = {
  'nav.mobilisation': '动员统计',
  'mobilisation.title': '党员志愿者动员统计',
  'mobilisation.titleOf': '{name} · 党员志愿者动员统计',
  'mobilisation.day': '日期',
  'mobilisation.export': '导出 Excel',
  'mobilisation.up': '返回上级',
  'mobilisation.region': '区域',
  'mobilisation.total': '合计',
  'mobilisation.noChildren': '没有下级区域',
  'mobilisation.flags': '辖区内有 {n} 处临时党支部预警（应建未建或低于最低人数），请到“临时党支部”查看',
  'mobilisation.calloutFirstAck': '集结令首次响应（中位）',
  'mobilisation.calloutArrive': '集结令到达（中位）',
  'mobilisation.calloutWithinStandard': '{m} 分钟内集结完成率',
  'mobilisation.minutesValue': '{n} 分钟',
  'mobilisation.calloutTimesNote':
    '集结令用时：从下达到首个队员响应、到每名队员到达的中位数，以及全员（不含不能来的）在 {m} 分钟内到齐的集结令占比；按乡镇统计，村级不单列。',
  'mobilisation.note':
    '数字来自各业务数据的汇总（与指挥大屏、每日报告一致），每隔几分钟更新；“在一线党员”为当天在卡口排班或响应集结令到达的党员，每人每天计一次。',
  'mobilisation.giving.moneyToday': '党员捐款当日（元）',
  'mobilisation.giving.money': '党员捐款累计（元）',
  'mobilisation.giving.members': '捐款党员（人）',
} as const;
