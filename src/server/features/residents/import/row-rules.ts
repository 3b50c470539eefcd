import { pathInScope, type Scope } from '../../../access/scope';
import { foreignIdentityProblem } from '../person-rules';

/**
 * Why a roster row whose ID number is already registered may not update that person, or null
 * when it may: the rule of registration through the API (person-rules.ts, foreignIdentityProblem),
 * told in Chinese. The number under another name is refused (the registered name is shown only
 * inside the importer's jurisdiction), and a person registered outside it is never moved or
 * renamed by a roster — the row is refused and the user files a transfer request (迁入申请) instead.
 */
export function registeredPersonProblem(
  registered: { name: string; region_path: string },
  rowName: string,
  scope: Scope,
): string | null {
  const problem = foreignIdentityProblem(registered, rowName, scope);
  if (problem === 'ID_NUMBER_NAME_MISMATCH') {
    const as = pathInScope(registered.region_path, scope) ? `“${registered.name}”` : '另一姓名的人员';
    return `该证件号码已登记为${as}，与本行姓名不符，本行未导入（ID_NUMBER_NAME_MISMATCH）；姓名确有变化的，请由现管辖单位在人员信息中更正`;
  }
  if (problem === 'PERSON_REGISTERED_ELSEWHERE') {
    return '该证件号码的人员已在其他辖区登记，本行未导入（PERSON_REGISTERED_ELSEWHERE）；如其已迁来本辖区，请在“登记人员”中填写后提交迁入申请';
  }
  return null;
}
