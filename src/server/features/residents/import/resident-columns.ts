import type { IdType, PersonTag, Relation, Transport } from '../../../../shared/residents';

/**
 * The resident roster layout (人员花名册) shared by the import template, the import, the error
 * report and the export: Chinese headers in this order, one person a row. Rows with the same
 * building code and room are one household.
 */
export const RESIDENT_COLUMNS = [
  { key: 'name', header: '姓名', note: '必填' },
  { key: 'idType', header: '证件类型', note: '居民身份证 / 港澳台居民居住证 / 护照，空为居民身份证' },
  { key: 'idNumber', header: '证件号码', note: '身份证 18 位（末位可为 X），出生日期与性别据此核对' },
  { key: 'nationality', header: '国籍', note: '护照必填' },
  { key: 'sex', header: '性别', note: '男 / 女；有身份证号可空' },
  { key: 'birthDate', header: '出生日期', note: 'YYYY-MM-DD；有身份证号可空' },
  { key: 'phone', header: '手机号码', note: '11 位手机号' },
  { key: 'buildingCode', header: '楼栋编码', note: '必填：18 位楼栋（院落）编码' },
  { key: 'room', header: '门牌房号', note: '同一楼栋同一房号为一户' },
  { key: 'relation', header: '与户主关系', note: '户主 / 配偶 / 子女 / 父母 / 孙子女 / 祖父母 / 兄弟姐妹 / 其他' },
  {
    key: 'tags',
    header: '人员标签',
    note: '多个用顿号或逗号分隔：返乡人员、湖北旅居史、接触史、发热、重点人员、独居老人、慢性病、孕产妇',
  },
  { key: 'returneeFrom', header: '返乡出发地', note: '返乡人员填写' },
  { key: 'arrivalDate', header: '抵达日期', note: 'YYYY-MM-DD' },
  { key: 'transport', header: '交通方式', note: '火车 / 飞机 / 客车 / 自驾 / 轮船 / 其他' },
  { key: 'transportNo', header: '车次航班', note: '如 G1234、晋C60695' },
  { key: 'note', header: '备注', note: '' },
] as const;

export type ResidentColumnKey = (typeof RESIDENT_COLUMNS)[number]['key'];
export type ResidentCells = Record<ResidentColumnKey, string>;

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  hmt_permit: '港澳台居民居住证',
  passport: '护照',
};
export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
export const TAG_LABELS: Record<PersonTag, string> = {
  returnee: '返乡人员',
  hubei_travel: '湖北旅居史',
  contact_history: '接触史',
  fever: '发热',
  key_person: '重点人员',
  elderly_alone: '独居老人',
  chronic_illness: '慢性病',
  pregnant: '孕产妇',
  non_local: '外地人员',
  unverified_identity: '未核验身份',
};
export const TRANSPORT_LABELS: Record<Transport, string> = {
  train: '火车',
  plane: '飞机',
  coach: '客车',
  self_drive: '自驾',
  ship: '轮船',
  other: '其他',
};
export const SEX_LABELS = { M: '男', F: '女' } as const;

/** Reverse lookups: a label (or the English code) → the code. */
export function lookup<T extends string>(labels: Record<T, string>): (text: string) => T | undefined {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    map.set(label, code);
    map.set(code, code);
  }
  return (text) => map.get(text.trim());
}

export const EXPLANATION_MARK = '说明';
export const SAMPLE_MARK = '示例';
