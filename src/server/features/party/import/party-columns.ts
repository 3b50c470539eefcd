import type { PartyMemberCategory, PartyMemberStatus, PartyOrgKind, PartyUnitType } from '../../../../shared/party';

/**
 * The spreadsheet layouts of the party imports: Chinese headers in this order, an explanation row
 * and a sample row in the template (both skipped on import). The last column is 备注; a row whose
 * 备注 starts with 示例 is the sample.
 */
export interface PartyColumn {
  key: string;
  header: string;
  note: string;
}

/** 党组织: one organisation a row; a parent may be a row above or below in the same file, or one already set up. */
export const ORGANISATION_COLUMNS = [
  { key: 'code', header: '组织代码', note: '可空；填写后以代码识别组织，重复导入即更新' },
  { key: 'name', header: '组织名称', note: '必填，如 中共东城村支部委员会' },
  { key: 'kind', header: '组织类别', note: '党委 / 党总支 / 党支部' },
  { key: 'parent', header: '上级党组织', note: '上级的组织代码或名称（本文件中或系统中已有）；空为最上级' },
  { key: 'unitName', header: '所在单位', note: '必填：机关、学校、村、企业等单位名称' },
  { key: 'unitType', header: '单位类型', note: '机关 / 事业单位 / 学校 / 村 / 社区 / 企业 / 其他' },
  { key: 'regionCode', header: '所属区划代码', note: '必填：12 位行政区划代码（县、乡镇或村社区）' },
  { key: 'phone', header: '联系电话', note: '11 位手机号，可空' },
  { key: 'note', header: '备注', note: '' },
] as const satisfies readonly PartyColumn[];

/** 党员: one member a row; the same ID number twice is one member (the later row wins). */
export const MEMBER_COLUMNS = [
  { key: 'name', header: '姓名', note: '必填' },
  { key: 'idNumber', header: '身份证号码', note: '必填：18 位（末位可为 X）' },
  { key: 'phone', header: '手机号码', note: '11 位手机号，可空' },
  { key: 'organisation', header: '所在党组织', note: '必填：组织关系所在党组织的代码或名称' },
  { key: 'category', header: '党员类别', note: '正式党员 / 预备党员' },
  { key: 'status', header: '党员状态', note: '正常 / 流动 / 失联；空为正常' },
  { key: 'post', header: '党内职务', note: '如 支部书记、组织委员，可空' },
  { key: 'joinedOn', header: '入党日期', note: 'YYYY-MM-DD，可空' },
  { key: 'note', header: '备注', note: '' },
] as const satisfies readonly PartyColumn[];

export const KIND_LABELS: Record<PartyOrgKind, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
};
export const UNIT_TYPE_LABELS: Record<PartyUnitType, string> = {
  organ: '机关',
  institution: '事业单位',
  school: '学校',
  village: '村',
  community: '社区',
  enterprise: '企业',
  other: '其他',
};
export const CATEGORY_LABELS: Record<PartyMemberCategory, string> = {
  full: '正式党员',
  probationary: '预备党员',
};
export const STATUS_LABELS: Record<PartyMemberStatus, string> = {
  normal: '正常',
  mobile: '流动',
  lost_contact: '失联',
};

/** Reverse lookup: a label (or the English code) → the code. */
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
