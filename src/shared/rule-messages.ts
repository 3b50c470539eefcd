/**
 * The readers' words for the rules the schemas and services state in English (a refine's sentence,
 * a service's VALIDATION issue). The English sentence is the key, so a rule is written once, where it
 * is checked; the error handler answers it in the reader's language (繁體 is converted from these).
 * `rule-messages.test.ts` fails when a rule has no entry here.
 */
export const RULE_MESSAGES_ZH: Readonly<Record<string, string>> = {
  'a case is not its own contact': '病例不能是自己的密切接触者',
  'a fever, Hubei travel or contact history is not 无风险: key person or refer to a fever clinic':
    '发热、湖北旅居史或接触史不能判为无风险：请列为重点人员或转诊发热门诊',
  'a household or a region is required': '请选择住户或所属区域',
  'a name or a known person is required': '请填写姓名或选择已登记人员',
  'a passage cannot be in the future': '通行时间不能晚于现在',
  'a range needs from ≤ to, at most 2000 rooms': '房间范围须起始号不大于结束号，且不超过 2000 间',
  'a reason': '请填写原因',
  'a team, a skill or at least one person': '请选择突击队、技能或至少一人',
  'a user, a person or a name is required': '请选择用户、人员或填写姓名',
  'a vehicle needs its plate; use vehicleType "none" for a pedestrian': '车辆须填写车牌号；步行人员请选择“无车辆”',
  'assign a post before marking arrival': '请先分配岗位，再标记到岗',
  'assigneeUserId or assigneeName': '请选择承办人或填写承办人姓名',
  'choose the person, or register a new one from the report': '请选择对应人员，或根据线索登记新人员',
  'code is required for administrative levels': '行政区划级别须填写区划代码',
  'designatedTo: required for a designated donation': '定向捐赠须填写受赠单位或用途',
  'donorId or donor': '请选择捐赠方或登记新的捐赠方（二选一）',
  'give labels or a from–to range': '请填写房间号，或给出起止范围',
  'lines or money': '请填写物资明细或捐款金额（二选一）',
  'minutes until arrival': '请填写预计几分钟后到达',
  'name: required unless anonymous': '除匿名捐赠外，须填写捐赠方名称',
  'nationality is required with a passport': '使用护照时须填写国籍',
  'nobody can be present when nobody was home': '家中无人时不能登记在家人员',
  'not a member of this household': '不是该户成员',
  'pregnant: the person is male': '该人员为男性，不能标记为孕妇',
  'quantity: accepted goods are counted': '验收合格的物资须填写清点数量',
  'required for this kind of post': '此类岗位必须填写',
  'riskAreaReturnedOn: the date of return is required after travel from a risk area':
    '有风险地区旅居史的，须填写返回日期',
  'the end date is before the start date': '结束日期早于开始日期',
  'the meeting point region': '请选择集结地点所属区域',
  'the records are of different names: one traveller at a time': '所选记录姓名不一致：请一次处理一名旅客',
  'the region of the skill': '请选择技能人员所在区域',
  'the window must end after it starts': '结束时间须晚于开始时间',
  'this household has no registered members': '该户没有登记成员',
  'this household is not in the round’s regions': '该户不在本轮排查范围内',
  'this screening round is closed': '本轮排查已结束',
  'to must not be before from': '结束日期不能早于开始日期',
  'verdictReason: required when the goods are rejected': '验收不合格时须填写原因',
};
