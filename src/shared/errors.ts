/**
 * The one error catalogue. Every 4xx/5xx the API returns carries one of these stable codes in
 * `{ error: { code, message, details } }`; the web switches on `code`. Messages exist in Simplified
 * Chinese and English; Traditional Chinese is converted from the Simplified text.
 */
export const ERROR_CATALOGUE = {
  VALIDATION: { status: 400, zh: '输入有误，请检查标出的字段', en: 'The input is not valid; check the fields listed' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求内容类型不受支持', en: 'Unsupported content type' },
  BAD_CURSOR: { status: 400, zh: '分页游标无效', en: 'The pagination cursor is not valid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账号已锁定 15 分钟', en: 'Too many failed logins; the account is locked for 15 minutes' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  FORBIDDEN: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的管辖范围', en: 'Outside your jurisdiction' },
  NOT_FOUND: { status: 404, zh: '记录不存在或不在您的管辖范围内', en: 'Not found, or outside your jurisdiction' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  REGION_NOT_FOUND: { status: 404, zh: '区域不存在或不在您的管辖范围内', en: 'Region not found, or outside your jurisdiction' },
  REGION_CODE_INVALID: { status: 400, zh: '区域编码格式不正确', en: 'The region code is not valid' },
  REGION_CODE_PARENT_MISMATCH: { status: 400, zh: '区域编码与上级区域编码不一致', en: 'The region code does not belong under its parent' },
  REGION_CODE_TAKEN: { status: 409, zh: '区域编码已被使用', en: 'The region code is already in use' },
  REGION_LEVEL_INVALID: { status: 400, zh: '该层级不能挂在此上级之下', en: 'A region of this level cannot sit under this parent' },
  REGION_MOVE_CYCLE: { status: 400, zh: '不能把区域移动到它自己或它的下级之下', en: 'A region cannot move under itself or its own descendant' },
  REGION_RETIRED: { status: 409, zh: '该区域已撤销', en: 'This region is retired' },
  REGION_HAS_DATA: { status: 409, zh: '该区域下仍有数据，只能撤销，不能删除', en: 'This region still holds data; retire it instead of deleting' },
  DIVISION_NOT_FOUND: { status: 404, zh: '行政区划代码不存在', en: 'No such administrative division code' },
  IMPORT_INVALID: { status: 400, zh: '导入文件有错误，未导入任何数据', en: 'The import file has errors; nothing was imported' },
  FILE_REQUIRED: { status: 400, zh: '请上传文件', en: 'Please upload a file' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'That username is taken' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在或不在您的管辖范围内', en: 'User not found, or outside your jurisdiction' },
  ROLE_NEEDS_REGION: { status: 400, zh: '除全局管理员外，每个用户都必须绑定一个区域', en: 'Every user except a global admin must be bound to a region' },
  ROLE_NOT_GRANTABLE: { status: 403, zh: '您不能授予该角色', en: 'You may not grant this role' },
  PASSWORD_WEAK: { status: 400, zh: '密码至少 8 位，且须包含字母和数字', en: 'A password needs at least 8 characters with letters and digits' },
  CANNOT_CHANGE_SELF: { status: 400, zh: '不能停用或降级自己的账号', en: 'You cannot disable or demote your own account' },
  RESPONSIBILITY_NOT_FOUND: { status: 404, zh: '包保责任记录不存在', en: 'Responsibility assignment not found' },
  PERSON_NOT_FOUND: { status: 404, zh: '人员不存在或不在您的管辖范围内', en: 'Person not found, or outside your jurisdiction' },
  HOUSEHOLD_NOT_FOUND: { status: 404, zh: '住户不存在或不在您的管辖范围内', en: 'Household not found, or outside your jurisdiction' },
  ID_NUMBER_INVALID: { status: 400, zh: '证件号码无效（格式、出生日期或校验位错误）', en: 'The ID number is not valid (format, birth date or check digit)' },
  ID_NUMBER_MISMATCH: { status: 400, zh: '出生日期或性别与身份证号码不符', en: 'Birth date or sex does not match the ID number' },
  LIKELY_DUPLICATE: { status: 409, zh: '可能与已登记人员重复，请核对后确认', en: 'This may be a person already registered; check and confirm' },
  REGION_NOT_BUILDING: { status: 400, zh: '住户必须登记在楼栋（院落）下', en: 'A household must be registered under a building' },
  MERGE_SELF: { status: 400, zh: '不能与自身合并', en: 'A record cannot be merged with itself' },
  MERGE_NOT_FOUND: { status: 404, zh: '合并记录不存在', en: 'Merge record not found' },
  MERGE_ALREADY_UNDONE: { status: 409, zh: '该合并已撤销', en: 'This merge has already been undone' },
  SITE_NOT_FOUND: { status: 404, zh: '卡口不存在或不在您的管辖范围内', en: 'Checkpoint not found, or outside your jurisdiction' },
  SITE_CLOSED: { status: 409, zh: '该卡口已关闭', en: 'This checkpoint is closed' },
  PLATE_INVALID: { status: 400, zh: '车牌号格式不正确', en: 'The plate number is not valid' },
  SHIFT_NOT_FOUND: { status: 404, zh: '班次不存在', en: 'Shift not found' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
