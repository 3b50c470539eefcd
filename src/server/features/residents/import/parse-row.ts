import { PERSON_NAME_MAX, PersonTag, type IdType, type Relation, type Transport } from '../../../../shared/residents';
import { MOBILE_PATTERN } from '../../../../shared/validators';
import { CONTROL_CHARACTER } from '../../../../shared/text';
import { bornInFuture, identityOf, nameProblem, pregnantMan } from '../person-rules';
import {
  ID_TYPE_LABELS,
  lookup,
  RELATION_LABELS,
  RESIDENT_COLUMNS,
  SEX_LABELS,
  TAG_LABELS,
  TRANSPORT_LABELS,
  type ResidentCells,
  type ResidentColumnKey,
} from './resident-columns';

export interface ParsedResident {
  row: number;
  cells: string[];
  name: string;
  idType: IdType;
  idNumber: string | null;
  nationality: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  buildingCode: string;
  room: string | null;
  relation: Relation | null;
  tags: PersonTag[];
  returneeFrom: string | null;
  arrivalDate: string | null;
  transport: Transport | null;
  transportNo: string | null;
  note: string | null;
}

export class RowProblem extends Error {
  constructor(
    readonly column: ResidentColumnKey | null,
    message: string,
  ) {
    super(message);
  }
}

const idTypeOf = lookup(ID_TYPE_LABELS);
const relationOf = lookup(RELATION_LABELS);
const tagOf = lookup(TAG_LABELS);
const transportOf = lookup(TRANSPORT_LABELS);
const sexOf = lookup(SEX_LABELS);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2020/1/20", "2020.01.20", "20200120" → "2020-01-20"; anything else is returned unchanged for the check to refuse. */
function normaliseDate(text: string): string {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day of the (proleptic Gregorian) calendar, YYYY-MM-DD — by arithmetic, not a Date per row. */
function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

const COLUMN_KEYS: readonly ResidentColumnKey[] = RESIDENT_COLUMNS.map((c) => c.key);

function cellsOf(cells: string[]): ResidentCells {
  // a plain loop: this runs once per roster row, and Object.fromEntries over mapped pairs was a
  // tenth of the import's parsing time
  const out = {} as ResidentCells;
  for (let i = 0; i < COLUMN_KEYS.length; i++) out[COLUMN_KEYS[i]!] = (cells[i] ?? '').trim();
  return out;
}

/**
 * One roster row → a resident, or a RowProblem naming the column and the reason in Chinese. The
 * same checks as the registration form: ID number and its check digit, birth date and sex agreeing
 * with it and not after `today` (YYYY-MM-DD), phone format, enumerations, dates.
 */
export function parseResidentRow(row: number, raw: string[], today = '9999-12-31'): ParsedResident {
  const c = cellsOf(raw);
  // the person's rules (person-rules.ts), each problem told in Chinese with its column
  const badName = nameProblem(c.name);
  if (badName === 'empty') throw new RowProblem('name', '姓名不能为空');
  if (badName === 'too_long') throw new RowProblem('name', `姓名超过 ${PERSON_NAME_MAX} 字`);
  if (badName === 'invisible') throw new RowProblem('name', '姓名含有不可见字符或文字方向控制符');
  for (const key of COLUMN_KEYS) {
    if (CONTROL_CHARACTER.test(c[key])) throw new RowProblem(key, '含有不可见的控制字符（如 NUL 或文字方向控制符）');
  }
  const idType = c.idType ? idTypeOf(c.idType) : 'resident_id';
  if (!idType) throw new RowProblem('idType', `证件类型“${c.idType}”无效`);
  const idNumber = c.idNumber ? c.idNumber.toUpperCase().replace(/\s+/g, '') : null;
  let sex = c.sex ? (sexOf(c.sex) ?? null) : null;
  if (c.sex && !sex) throw new RowProblem('sex', `性别“${c.sex}”无效，应为男或女`);
  let birthDate = c.birthDate ? normaliseDate(c.birthDate) : null;
  if (birthDate && !validDate(birthDate)) throw new RowProblem('birthDate', `出生日期“${c.birthDate}”无效`);
  const identity = identityOf({ idType, idNumber, nationality: c.nationality || null, birthDate, sex });
  if ('problem' in identity) {
    const problem = identity.problem;
    if (problem.kind === 'document') {
      const reason =
        {
          FORMAT: '格式错误',
          BIRTH_DATE: '出生日期不存在',
          CHECKSUM: '校验位错误',
          PERMIT_PREFIX: '居住证号应以 81/82/83 开头',
          IS_PERMIT: '这是港澳台居民居住证号，请选择对应证件类型',
        }[problem.reason] ?? problem.reason;
      throw new RowProblem('idNumber', `证件号码${reason}`);
    }
    if (problem.kind === 'nationality') throw new RowProblem('nationality', '护照须填写国籍');
    if (problem.birthDate)
      throw new RowProblem('birthDate', `出生日期与身份证号不符（应为 ${problem.fromIdNumber.birthDate}）`);
    throw new RowProblem('sex', `性别与身份证号不符（应为${SEX_LABELS[problem.fromIdNumber.sex]}）`);
  }
  birthDate = identity.facts.birthDate;
  sex = identity.facts.sex;
  if (bornInFuture(birthDate, today))
    throw new RowProblem(idNumber && !c.birthDate ? 'idNumber' : 'birthDate', `出生日期 ${birthDate} 晚于今天`);
  if (c.phone && !MOBILE_PATTERN.test(c.phone)) throw new RowProblem('phone', `手机号码“${c.phone}”无效`);
  if (!c.buildingCode) throw new RowProblem('buildingCode', '楼栋编码不能为空');
  if (!/^\d{18}$/.test(c.buildingCode)) throw new RowProblem('buildingCode', '楼栋编码应为 18 位数字');
  const relation = c.relation ? (relationOf(c.relation) ?? null) : null;
  if (c.relation && !relation) throw new RowProblem('relation', `与户主关系“${c.relation}”无效`);
  const tags: PersonTag[] = [];
  for (const label of c.tags.split(/[、,，;；\s]+/).filter(Boolean)) {
    const tag = tagOf(label);
    if (!tag || !PersonTag.safeParse(tag).success) throw new RowProblem('tags', `人员标签“${label}”无效`);
    tags.push(tag);
  }
  if (pregnantMan(sex, tags)) throw new RowProblem('tags', '孕产妇标签与性别（男）不符');
  const arrivalDate = c.arrivalDate ? normaliseDate(c.arrivalDate) : null;
  if (arrivalDate && !validDate(arrivalDate)) throw new RowProblem('arrivalDate', `抵达日期“${c.arrivalDate}”无效`);
  const transport = c.transport ? (transportOf(c.transport) ?? null) : null;
  if (c.transport && !transport) throw new RowProblem('transport', `交通方式“${c.transport}”无效`);
  if (c.returneeFrom && !tags.includes('returnee')) tags.push('returnee');
  return {
    row,
    cells: raw,
    name: c.name,
    idType,
    idNumber,
    nationality: c.nationality || null,
    sex,
    birthDate,
    phone: c.phone || null,
    buildingCode: c.buildingCode,
    room: c.room || null,
    relation,
    tags,
    returneeFrom: c.returneeFrom || null,
    arrivalDate,
    transport,
    transportNo: c.transportNo || null,
    note: c.note ? c.note.slice(0, 500) : null,
  };
}
