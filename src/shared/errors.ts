import { MAX_CELL_CHARS, MAX_CELLS_PER_ROW, MAX_ROWS, MAX_UPLOAD_BYTES, MAX_XLSX_RATIO } from './upload-limits';

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
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '从此地址连续登录失败次数过多，请稍后再试，或请上级解锁',
    en: 'Too many failed logins from this address; try again later, or ask a user above you to unlock the account',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  FORBIDDEN: { status: 403, zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  OUT_OF_SCOPE: { status: 403, zh: '超出您的管辖范围', en: 'Outside your jurisdiction' },
  NOT_FOUND: { status: 404, zh: '记录不存在或不在您的管辖范围内', en: 'Not found, or outside your jurisdiction' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  REGION_NOT_FOUND: {
    status: 404,
    zh: '区域不存在或不在您的管辖范围内',
    en: 'Region not found, or outside your jurisdiction',
  },
  REGION_CODE_INVALID: { status: 400, zh: '区域编码格式不正确', en: 'The region code is not valid' },
  REGION_CODE_PARENT_MISMATCH: {
    status: 400,
    zh: '区域编码与上级区域编码不一致',
    en: 'The region code does not belong under its parent',
  },
  REGION_CODE_TAKEN: { status: 409, zh: '区域编码已被使用', en: 'The region code is already in use' },
  REGION_LEVEL_INVALID: {
    status: 400,
    zh: '该层级不能挂在此上级之下',
    en: 'A region of this level cannot sit under this parent',
  },
  REGION_MOVE_CYCLE: {
    status: 400,
    zh: '不能把区域移动到它自己或它的下级之下',
    en: 'A region cannot move under itself or its own descendant',
  },
  REGION_RETIRED: { status: 409, zh: '该区域已撤销', en: 'This region is retired' },
  REGION_HAS_DATA: {
    status: 409,
    zh: '该区域下仍有数据，只能撤销，不能删除',
    en: 'This region still holds data; retire it instead of deleting',
  },
  DIVISION_NOT_FOUND: { status: 404, zh: '行政区划代码不存在', en: 'No such administrative division code' },
  IMPORT_INVALID: {
    status: 400,
    zh: '导入文件有错误，未导入任何数据',
    en: 'The import file has errors; nothing was imported',
  },
  FILE_REQUIRED: { status: 400, zh: '请上传文件', en: 'Please upload a file' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'That username is taken' },
  USER_NOT_FOUND: {
    status: 404,
    zh: '用户不存在或不在您的管辖范围内',
    en: 'User not found, or outside your jurisdiction',
  },
  ROLE_NEEDS_REGION: {
    status: 400,
    zh: '除全局管理员外，每个用户都必须绑定一个区域',
    en: 'Every user except a global admin must be bound to a region',
  },
  ROLE_NOT_GRANTABLE: { status: 403, zh: '您不能授予该角色', en: 'You may not grant this role' },
  PASSWORD_WEAK: {
    status: 400,
    zh: '密码至少 8 位，且须包含字母和数字',
    en: 'A password needs at least 8 characters with letters and digits',
  },
  CANNOT_CHANGE_SELF: {
    status: 400,
    zh: '不能停用或降级自己的账号，也不能在此重置自己的密码（请用“修改密码”）',
    en: 'You cannot disable or demote your own account, nor reset your own password here (use Change password)',
  },
  RESPONSIBILITY_NOT_FOUND: { status: 404, zh: '包保责任记录不存在', en: 'Responsibility assignment not found' },
  PERSON_NOT_FOUND: {
    status: 404,
    zh: '人员不存在或不在您的管辖范围内',
    en: 'Person not found, or outside your jurisdiction',
  },
  HOUSEHOLD_NOT_FOUND: {
    status: 404,
    zh: '住户不存在或不在您的管辖范围内',
    en: 'Household not found, or outside your jurisdiction',
  },
  ID_NUMBER_INVALID: {
    status: 400,
    zh: '证件号码无效（格式、出生日期或校验位错误）',
    en: 'The ID number is not valid (format, birth date or check digit)',
  },
  ID_NUMBER_MISMATCH: {
    status: 400,
    zh: '出生日期或性别与身份证号码不符',
    en: 'Birth date or sex does not match the ID number',
  },
  BIRTH_DATE_IN_FUTURE: { status: 400, zh: '出生日期晚于今天', en: 'The birth date is after today' },
  VISIT_IN_FUTURE: { status: 400, zh: '走访时间晚于当前时间', en: 'The visit time is in the future' },
  LIKELY_DUPLICATE: {
    status: 409,
    zh: '可能与已登记人员重复，请核对后确认',
    en: 'This may be a person already registered; check and confirm',
  },
  REGION_NOT_BUILDING: {
    status: 400,
    zh: '住户必须登记在楼栋（院落）下',
    en: 'A household must be registered under a building',
  },
  MERGE_SELF: { status: 400, zh: '不能与自身合并', en: 'A record cannot be merged with itself' },
  MERGE_NOT_FOUND: { status: 404, zh: '合并记录不存在', en: 'Merge record not found' },
  MERGE_ALREADY_UNDONE: { status: 409, zh: '该合并已撤销', en: 'This merge has already been undone' },
  SITE_NOT_FOUND: {
    status: 404,
    zh: '卡口不存在或不在您的管辖范围内',
    en: 'Checkpoint not found, or outside your jurisdiction',
  },
  SITE_CLOSED: { status: 409, zh: '该卡口已关闭', en: 'This checkpoint is closed' },
  PLATE_INVALID: { status: 400, zh: '车牌号格式不正确', en: 'The plate number is not valid' },
  SHIFT_NOT_FOUND: { status: 404, zh: '班次不存在', en: 'Shift not found' },
  ISOLATION_SITE_NOT_FOUND: {
    status: 404,
    zh: '集中隔离点不存在或不在您的管辖范围内',
    en: 'Isolation site not found, or outside your jurisdiction',
  },
  ISOLATION_SITE_CLOSED: { status: 409, zh: '该集中隔离点已关闭', en: 'This isolation site is closed' },
  ISOLATION_SITE_REQUIRED: { status: 400, zh: '集中隔离须选择隔离点', en: 'Centralised isolation needs a site' },
  ROOM_NOT_FOUND: { status: 404, zh: '房间不存在', en: 'Room not found' },
  ROOM_LABEL_TAKEN: { status: 409, zh: '房间号已存在', en: 'That room number already exists' },
  ROOM_FULL: { status: 409, zh: '该房间已住满', en: 'This room is full' },
  SITE_FULL: { status: 409, zh: '该隔离点已无空房', en: 'No free room left at this site' },
  ALREADY_ISOLATED: { status: 409, zh: '此人已在隔离观察中', en: 'This person is already under isolation' },
  EPISODE_NOT_FOUND: {
    status: 404,
    zh: '隔离记录不存在或不在您的管辖范围内',
    en: 'Isolation record not found, or outside your jurisdiction',
  },
  EPISODE_NOT_ACTIVE: { status: 409, zh: '该隔离观察已结束', en: 'This isolation has ended' },
  EPISODE_DATES_INVALID: { status: 400, zh: '观察期日期不正确', en: 'The observation dates are not valid' },
  OBSERVER_INVALID: {
    status: 400,
    zh: '观察员须为在职账号且负责该区域',
    en: 'The observer must be an active user whose jurisdiction covers this person',
  },
  END_REASON_REQUIRED: { status: 400, zh: '请填写结束原因', en: 'Give a reason for ending' },
  NOT_YET_DUE: { status: 409, zh: '观察期未满，不能按期满解除', en: 'The observation period has not ended yet' },
  FOLLOW_UPS_NOT_NORMAL: {
    status: 409,
    zh: '最近的随访记录不正常（缺报、发热或有症状），不能解除观察',
    en: 'The latest follow-ups are not all normal (missing, fever or symptoms); the isolation cannot be completed',
  },
  SLOT_NOT_FOUND: {
    status: 404,
    zh: '随访记录不存在或不在您的管辖范围内',
    en: 'Follow-up not found, or outside your jurisdiction',
  },
  SLOT_NOT_OPEN: { status: 409, zh: '该次随访时间未到', en: 'This follow-up is not due yet' },
  SLOT_CLOSED: {
    status: 409,
    zh: '该次随访已过时限，已记为缺报',
    en: 'This follow-up is past its window and counted as missed',
  },
  SLOT_DONE: { status: 409, zh: '该次随访已填报', en: 'This follow-up has already been filled' },
  TEMPERATURE_REQUIRED: {
    status: 400,
    zh: '见到本人时须填写体温',
    en: 'A temperature is required when the person was seen',
  },
  SELF_REPORT_LINK_INVALID: {
    status: 404,
    zh: '自报链接无效或隔离观察已结束',
    en: 'This self-report link is not valid, or the isolation has ended',
  },
  NO_SLOT_OPEN: { status: 409, zh: '现在不是测温上报时间', en: 'No temperature report is due right now' },
  NECESSITY_NOT_FOUND: {
    status: 404,
    zh: '求助事项不存在或不在您的管辖范围内',
    en: 'Request not found, or outside your jurisdiction',
  },
  NECESSITY_STATE: {
    status: 409,
    zh: '该求助事项当前状态不能执行此操作',
    en: 'This request cannot do that in its current state',
  },
  CERTIFICATE_NOT_FOUND: { status: 404, zh: '证明编号不存在', en: 'No certificate with this code' },
  ZERO_REPORT_UNIT_NOT_FOUND: {
    status: 404,
    zh: '报告单位不存在、已停用或不在您的管辖范围内',
    en: 'Reporting unit not found, closed, or outside your jurisdiction',
  },
  ZERO_REPORT_UNIT_NOT_REPORTING: {
    status: 409,
    zh: '按本县设置，此类单位不报送零报告',
    en: 'By the county settings, units of this kind do not file a zero report',
  },
  ZERO_REPORT_DAY_INVALID: {
    status: 400,
    zh: '只能报送今天或最近 14 天内的零报告',
    en: 'A zero report can only be filed for today or one of the last 14 days',
  },
  ZERO_REPORT_FIELD_INVALID: {
    status: 400,
    zh: '此类单位的零报告没有这一项数据',
    en: 'A zero report of this kind of unit has no such figure',
  },
  ZERO_REPORT_REASON_REQUIRED: {
    status: 400,
    zh: '修改系统预填的数据须填写原因',
    en: 'Changing a pre-filled figure needs a reason',
  },
  ZERO_REPORT_NOT_FOUND: {
    status: 404,
    zh: '零报告不存在或不在您的管辖范围内',
    en: 'Zero report not found, or outside your jurisdiction',
  },
  CASE_NOT_FOUND: {
    status: 404,
    zh: '病例不存在或不在您的管辖范围内',
    en: 'Case not found, or outside your jurisdiction',
  },
  CASE_EXISTS: { status: 409, zh: '此人已有病例记录', en: 'This person already has a case' },
  CASE_DATES_INVALID: {
    status: 400,
    zh: '发病日期不能晚于报告日期',
    en: 'The onset date cannot be after the report date',
  },
  NOTICE_NOT_FOUND: { status: 404, zh: '寻人通告不存在', en: 'Seek notice not found' },
  NOTICE_CLOSED: { status: 410, zh: '该寻人通告已结束，感谢关注', en: 'This seek notice has been closed; thank you' },
  NOTICE_INVALID: {
    status: 400,
    zh: '通告的时间段或地点不正确',
    en: 'The time window or place of the notice is not valid',
  },
  NOTICE_STATE: { status: 409, zh: '当前状态不能执行此操作', en: 'Not possible in the current state' },
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    zh: '通知通告不存在或不在您的管辖范围内',
    en: 'Notice not found, or outside your jurisdiction',
  },
  NOTIFICATION_STATE: {
    status: 409,
    zh: '该通知当前状态不能执行此操作（草稿可修改、发布，已发布的可撤回）',
    en: "Not possible in the notice's current state (a draft can be changed and published, a published notice withdrawn)",
  },
  NOTIFICATION_AUDIENCE_INVALID: {
    status: 400,
    zh: '公开公告面向社会公众，不能限定角色',
    en: 'A public announcement is for everyone; it cannot be limited to roles',
  },
  ANNOUNCEMENT_NOT_FOUND: { status: 404, zh: '公告不存在，请核对链接', en: 'No such announcement; check the link' },
  ANNOUNCEMENT_WITHDRAWN: { status: 410, zh: '该公告已撤回', en: 'This announcement has been withdrawn' },
  GATHERING_NOT_FOUND: {
    status: 404,
    zh: '聚集活动不存在或不在您的管辖范围内',
    en: 'Gathering not found, or outside your jurisdiction',
  },
  GATHERING_REGION_INVALID: {
    status: 400,
    zh: '聚集活动须登记到村（社区）或网格',
    en: 'A gathering is registered to a village (community) or a grid',
  },
  GATHERING_OUTCOME_INVALID: {
    status: 400,
    zh: '结果信息不完整：延期须填新日期（晚于原定日期），缩小规模或照常举办须填实到人数（缩小规模须少于预计人数）',
    en: 'The outcome is incomplete: a postponement needs a new date after the planned one; scaled down or held needs the actual number of guests (scaled down: fewer than expected)',
  },
  GATHERING_STATE: {
    status: 409,
    zh: '该活动已照常举办，不能再劝导',
    en: 'This gathering has already been held; no more persuasion visits',
  },
  DISPATCH_NOT_FOUND: {
    status: 404,
    zh: '调度单不存在或不在您的管辖范围内',
    en: 'Dispatch sheet not found, or outside your jurisdiction',
  },
  DISPATCH_ITEM_NOT_FOUND: {
    status: 404,
    zh: '调度事项不存在或不在您的管辖范围内',
    en: 'Dispatch item not found, or outside your jurisdiction',
  },
  DISPATCH_ITEM_DONE: { status: 409, zh: '该调度事项已办结', en: 'This dispatch item is already done' },
  DISPATCH_DAY_INVALID: {
    status: 400,
    zh: '不能生成未来日期的调度单',
    en: 'A dispatch sheet cannot be drawn for a day in the future',
  },
  DAILY_REPORT_NOT_FOUND: {
    status: 404,
    zh: '每日报告不存在或不在您的管辖范围内',
    en: 'Daily report not found, or outside your jurisdiction',
  },
  DAILY_REPORT_UNIT_INVALID: {
    status: 400,
    zh: '每日报告由村（社区）、乡镇（街道）、县及以上单位报送，网格和楼栋不单独报送',
    en: 'Daily reports are filed by villages (communities), townships (streets), counties and above; grids and buildings do not file one',
  },
  DAILY_REPORT_DAY_INVALID: {
    status: 400,
    zh: '不能填报或查看未来日期的每日报告',
    en: 'A daily report cannot be for a day in the future',
  },
  DAILY_REPORT_NOT_YOURS: {
    status: 403,
    zh: '只有本单位可以起草、修改和报送本单位的每日报告',
    en: 'Only the unit itself drafts, corrects and submits its daily report',
  },
  DAILY_REPORT_NOT_REVIEWER: {
    status: 403,
    zh: '只有上一级单位可以审核或退回此报告',
    en: 'Only the level directly above reviews or returns this report',
  },
  DAILY_REPORT_LOCKED: {
    status: 409,
    zh: '报告已报送，须上级退回后才能修改',
    en: 'The report has been submitted; it can be changed only after the level above returns it',
  },
  DAILY_REPORT_REASON_REQUIRED: {
    status: 400,
    zh: '修改系统计算的数据须填写原因',
    en: 'Changing a computed figure needs a reason',
  },
  DAILY_REPORT_MISSING_NOTE_REQUIRED: {
    status: 400,
    zh: '尚有下级单位未报送，须写明情况后才能报送',
    en: 'Some units below have not submitted; say why before submitting',
  },
  DAILY_REPORT_CHILDREN_CHANGED: {
    status: 409,
    zh: '下级单位的报送情况已有变化，请重新汇总、核对后再报送',
    en: 'The reports of the units below have changed; recompute and check the draft before submitting',
  },
  DAILY_REPORT_NOT_SUBMITTED: {
    status: 409,
    zh: '只有已报送的报告可以审核或退回',
    en: 'Only a submitted report can be reviewed or returned',
  },
  DAILY_REPORT_RETURN_NOTE_REQUIRED: {
    status: 400,
    zh: '退回报告须写明退回原因',
    en: 'Returning a report needs a note saying what to put right',
  },
  DAILY_REPORT_INCLUDED_ABOVE: {
    status: 409,
    zh: '该报告已汇入上级已报送的报告，须先由更上一级退回上级报告',
    en: 'This report is already summed in the submitted report above; the level above that must return that report first',
  },
  PASSWORD_GUESSABLE: {
    status: 400,
    zh: '密码过于常见或容易被猜到（如 password1、qwerty123、键盘连排、与用户名相近），请换一个更难猜的密码',
    en: 'That password is common or easy to guess (like password1, qwerty123, a keyboard run or your username); choose a harder one',
  },
  PASSWORD_RESET_NOT_ABOVE: {
    status: 403,
    zh: '只有上级（管辖范围包含对方的用户）或系统管理员可以重置他人密码',
    en: "Only a user a level above (whose jurisdiction contains the other's) or a global administrator may reset another user's password",
  },
  USER_CHANGE_NOT_ABOVE: {
    status: 403,
    zh: '只有上级（管辖范围包含对方的用户）或系统管理员可以修改他人的账号（角色、状态、资料）',
    en: "Only a user a level above (whose jurisdiction contains the other's) or a global admin may change another user's account (role, status, details)",
  },
  PASSWORD_UNCHANGED: {
    status: 400,
    zh: '新密码不能与原密码相同',
    en: 'The new password must differ from the old one',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改由他人设置的初始密码',
    en: 'Change the password someone else set for you first',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    zh: `文件过大：超出导入上限（文件 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，${MAX_ROWS.toLocaleString('en')} 行，.xlsx 解压后不超过原文件的 ${MAX_XLSX_RATIO} 倍），请拆分后分批导入`,
    en: `The file is too large for an import (${MAX_UPLOAD_BYTES / 1024 / 1024} MB, ${MAX_ROWS.toLocaleString('en')} rows, an .xlsx unpacking to at most ${MAX_XLSX_RATIO} times its size); split it and import the parts`,
  },
  IMPORT_ROW_TOO_WIDE: {
    status: 400,
    zh: `一行最多 ${MAX_CELLS_PER_ROW} 个单元格，该行超出，文件未继续读取`,
    en: `A row may hold at most ${MAX_CELLS_PER_ROW} cells; this row holds more, and reading stopped there`,
  },
  IMPORT_CELL_TOO_LONG: {
    status: 400,
    zh: `单元格最多 ${MAX_CELL_CHARS} 个字符，该单元格超出，文件未继续读取`,
    en: `A cell may hold at most ${MAX_CELL_CHARS} characters; this cell holds more, and reading stopped there`,
  },
  IMPORT_CSV_QUOTE: {
    status: 400,
    zh: 'CSV 引号不配对：含逗号或换行的单元格须整体用英文双引号括起，内容中的双引号写成两个',
    en: 'A CSV quote is broken: a cell with a comma or line break must be wrapped in double quotes, and a quote inside it doubled',
  },
  IMPORT_NOT_SPREADSHEET: {
    status: 400,
    zh: '文件不是 .xlsx 或 .csv 表格（旧版 .xls 请在 Excel 中另存为 .xlsx）',
    en: 'The file is not an .xlsx or .csv spreadsheet (save an old .xls as .xlsx in Excel)',
  },
  ID_NUMBER_IS_PHONE: {
    status: 400,
    zh: '证件号码栏填的是手机号，请填在手机号栏',
    en: 'A mobile number was typed as the ID number; put it in the phone field',
  },
  OCCUPANT_ALREADY_REGISTERED: {
    status: 409,
    zh: '该卡口登记人员已关联到人员库',
    en: 'This checkpoint record is already linked to a registered person',
  },
  ID_NUMBER_NAME_MISMATCH: {
    status: 409,
    zh: '该证件号码已登记为另一姓名的人员；姓名确有变化的，请由现管辖单位在人员信息中更正',
    en: 'This ID number is registered under another name; if the name really changed, the jurisdiction that holds the record corrects it',
  },
  PERSON_REGISTERED_ELSEWHERE: {
    status: 409,
    zh: '该证件号码的人员已在其他辖区登记，本次未作修改；如其已迁来本辖区，请提交迁入申请',
    en: 'The person with this ID number is registered in another jurisdiction; nothing was changed. If they have moved here, file a transfer request',
  },
  TRANSFER_NOT_NEEDED: {
    status: 409,
    zh: '该人员未在其他辖区登记，无需迁入申请，请直接登记',
    en: 'This person is not registered in another jurisdiction; register them directly',
  },
  TRANSFER_PENDING: {
    status: 409,
    zh: '该人员已有一份待处理的迁入申请',
    en: 'A transfer request for this person is already pending',
  },
  TRANSFER_NOT_FOUND: {
    status: 404,
    zh: '迁入申请不存在或不由您处理',
    en: 'Transfer request not found, or not yours to handle',
  },
  TRANSFER_STATE: {
    status: 409,
    zh: '该迁入申请已处理、撤回或过期',
    en: 'This transfer request has already been decided, withdrawn or has expired',
  },
  TRANSFER_PERSON_CHANGED: {
    status: 409,
    zh: '申请提交后该人员的证件号码或状态已变化，请申请人重新提交',
    en: "The person's ID number or status changed after the request was filed; the requester must file it again",
  },
  IMPORT_BUSY: {
    status: 429,
    zh: '另一个导入正在进行，请等它完成后再上传（一个村的花名册只需几秒）',
    en: 'Another import is running; upload again when it has finished (a village roster takes seconds)',
  },
  CONTROL_CHARACTER: {
    status: 400,
    zh: '输入中含有不可见的控制字符（如 NUL 或文字方向控制符），请删除后重试',
    en: 'The input holds an invisible control character (such as NUL or a text-direction control); remove it and try again',
  },
  ORIGIN_FORBIDDEN: {
    status: 403,
    zh: '请求来自其他网站，已拒绝；请在本系统页面中操作',
    en: "The request came from another site and was refused; use this system's own pages",
  },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  TEMPERATURE_OR_REASON: {
    status: 400,
    zh: '在家的每个人都要测体温；未测的请选择原因（拒测 / 未测量）',
    en: 'Everyone present needs a temperature, or the reason there is none (refused / not measured)',
  },
  TEMPERATURE_NOTE_REQUIRED: {
    status: 400,
    zh: '没有体温时请写明情况',
    en: 'Say what happened when there is no temperature',
  },
  NO_RISK_NEEDS_TEMPERATURES: {
    status: 400,
    zh: '有人未测体温，不能判定为无风险：请复访或列为重点人员',
    en: 'Someone present has no temperature, so the visit cannot be no-risk: revisit or mark a key person',
  },
  NO_RISK_NEEDS_EVERYONE: {
    status: 400,
    zh: '无风险须逐人登记：本户每位成员都要记为在家（测温）或不在家',
    en: 'No risk needs every member of the household recorded, at home (measured) or away',
  },
  NO_RISK_NOBODY_SEEN: {
    status: 400,
    zh: '本户无人在家，不能判定为无风险：请选“不在家需回访”',
    en: 'Nobody was at home, so this cannot be no-risk: choose "not home, revisit"',
  },
  REFERRAL_NOT_FOUND: {
    status: 404,
    zh: '转诊记录不存在或不在您的管辖范围内',
    en: 'Referral not found, or outside your jurisdiction',
  },
  REFERRAL_EXISTS: { status: 409, zh: '该预警已登记转诊', en: 'This alert already has its referral' },
  REFERRAL_TIME_INVALID: {
    status: 400,
    zh: '转诊或结果时间不能晚于现在，结果时间不能早于转诊时间',
    en: 'A referral or outcome time cannot be in the future, nor an outcome before its referral',
  },
  TEAM_NOT_FOUND: {
    status: 404,
    zh: '队伍不存在或不在您的管辖范围内',
    en: 'Team not found, or outside your jurisdiction',
  },
  TEAM_MEMBER_NOT_FOUND: { status: 404, zh: '该队员不在此队伍中', en: 'No such member of this team' },
  TEAM_MEMBER_EXISTS: { status: 409, zh: '此人已是该队伍的队员', en: 'This person is already a member of the team' },
  CALLOUT_NOT_FOUND: {
    status: 404,
    zh: '集结令不存在或不在您的管辖范围内',
    en: 'Call-out not found, or outside your jurisdiction',
  },
  CALLOUT_NOBODY: {
    status: 400,
    zh: '没有可召集的人员（所选人员均已在其他集结任务中，或队伍没有队员）',
    en: 'Nobody to call out (everyone picked is on another active call-out, or the team has no members)',
  },
  CALLOUT_CLOSED: { status: 409, zh: '该集结令已结束', en: 'This call-out is over' },
  CALLOUT_ORDER_NOT_FOUND: { status: 404, zh: '此人不在该集结令中', en: 'This person is not on the call-out' },
  CALLOUT_LINK_NOT_FOUND: {
    status: 404,
    zh: '链接无效，请核对短信中的链接',
    en: 'This link is not valid; check the link in your text message',
  },
  CALLOUT_LINK_EXPIRED: {
    status: 410,
    zh: '链接已过期（集结时限后 2 小时失效），如仍需报到请联系队长',
    en: 'This link has expired (two hours after the deadline); call your team leader if you still need to report',
  },
  PARTY_ORG_NOT_FOUND: {
    status: 404,
    zh: '党组织不存在或不在您的管辖范围内',
    en: 'Party organisation not found, or outside your jurisdiction',
  },
  PARTY_ORG_PARENT_INVALID: {
    status: 400,
    zh: '上级党组织无效：须为本辖区内的党委或党总支，且不能是本组织或其下级',
    en: 'Invalid parent organisation: it must be a committee or general branch of your jurisdiction, not this one or one below it',
  },
  PARTY_ORG_CODE_TAKEN: {
    status: 409,
    zh: '该组织代码已被其他党组织使用',
    en: 'Another party organisation has this code',
  },
  PARTY_MEMBER_NOT_FOUND: {
    status: 404,
    zh: '党员不存在或不在您的管辖范围内',
    en: 'Party member not found, or outside your jurisdiction',
  },
  PARTY_MEMBER_EXISTS: {
    status: 409,
    zh: '此人已登记为党员，请修改原记录（如组织关系转接）',
    en: 'This person is already a registered party member; change that record instead (e.g. a transfer of membership)',
  },
  FIGURES_DAY_IN_FUTURE: {
    status: 400,
    zh: '不能查看未来日期的统计',
    en: 'Figures cannot be shown for a day in the future',
  },
  REPORTING_LINK_NOT_FOUND: {
    status: 404,
    zh: '报到链接无效，请扫描社区张贴的二维码',
    en: "This reporting link is not valid; scan the QR code on the community's poster",
  },
  REPORTING_NOT_ON_ROLL: {
    status: 422,
    zh: '未在党员名册中找到与姓名、身份证号和手机号相符的党员，本次信息未保存。请核对后重试，或联系所在单位党支部',
    en: 'No party member with this name, ID number and phone is on the roll; nothing was stored. Check and try again, or ask your branch',
  },
  REPORTING_NOT_UNIT_MEMBER: {
    status: 422,
    zh: '您的组织关系在村（社区）党组织，已在本村（社区）参加工作，无需到居住地社区报到',
    en: 'Your membership is in a village or community branch, which you already serve; reporting in is for members of unit branches',
  },
  REPORTING_NOT_A_COMMUNITY: {
    status: 400,
    zh: '报到须选择村（社区）一级的区域',
    en: 'Members report to a village or community (a village-level region)',
  },
  PARTY_REPORT_NOT_FOUND: {
    status: 404,
    zh: '报到记录不存在或不在您的管辖范围内',
    en: 'Report not found, or outside your jurisdiction',
  },
  REPORTING_SHIFT_NEEDS_CHECKPOINT: {
    status: 400,
    zh: '只有“卡口值守”岗位可以指定卡口和班次',
    en: 'Only the checkpoint post (卡口值守) takes a checkpoint site and shift',
  },
  PLEDGE_UNIT_NOT_FOUND: {
    status: 404,
    zh: '请战书单位不存在、链接无效或不在您的管辖范围内',
    en: 'Pledge unit not found, link not valid, or outside your jurisdiction',
  },
  PLEDGE_NOT_FOUND: {
    status: 404,
    zh: '请战书不存在或不在您的管辖范围内',
    en: 'Pledge not found, or outside your jurisdiction',
  },
  PLEDGE_SIGNATURE_INVALID: {
    status: 400,
    zh: '签名图片无效：须为手写签名的 PNG 图片，不超过 300 KB',
    en: 'Invalid signature: it must be a drawn signature as a PNG image of at most 300 KB',
  },
  PLEDGE_SIGNER_UNKNOWN: {
    status: 422,
    zh: '未找到与姓名和身份证号相符的登记人员，本次未保存。请先到村（社区）登记，或核对后重试',
    en: 'No registered person has this name and ID number; nothing was stored. Register with your village or community first, or check and try again',
  },
  PLEDGE_ALREADY_ASSIGNED: {
    status: 409,
    zh: '这份请战书已转为任务安排',
    en: 'This pledge has already been turned into an assignment',
  },
  PLEDGE_SIGNER_NOT_MEMBER: {
    status: 422,
    zh: '签名人不是党员，不能转为报到岗位，可安排卡口班次',
    en: 'The signer is not a party member, so the pledge cannot become a reporting post; put them on a checkpoint shift instead',
  },
  PLEDGE_SIGNER_NO_COMMUNITY: {
    status: 422,
    zh: '签名人的登记地址不在任何村（社区）内，无法安排报到岗位',
    en: "The signer's registered address is in no village or community, so there is no community to put them on a post in",
  },
  VOLUNTEER_TASK_NOT_FOUND: {
    status: 404,
    zh: '志愿服务任务不存在或不在您的管辖范围内',
    en: 'Volunteer task not found, or outside your jurisdiction',
  },
  VOLUNTEER_TASK_CLOSED: { status: 409, zh: '任务已完成或已取消', en: 'The task is already done or cancelled' },
  VOLUNTEER_TASK_NOT_DONE: {
    status: 409,
    zh: '任务完成后才能上传照片',
    en: 'A photo can be added once the task is done',
  },
  VOLUNTEER_TASK_LINK_INVALID: {
    status: 400,
    zh: '关联的聚集、代购代送需求或卡口班次不存在，或与任务类型不符',
    en: 'The linked gathering, necessity request or checkpoint shift does not exist or does not fit the task kind',
  },
  VOLUNTEER_TASK_NO_PERSONS: {
    status: 409,
    zh: '所选小组或队伍没有成员，无法派发任务',
    en: 'The group or team has no members to give the task to',
  },
  VOLUNTEER_GROUP_NOT_FOUND: {
    status: 404,
    zh: '志愿小组不存在或不在您的管辖范围内',
    en: 'Volunteer group not found, or outside your jurisdiction',
  },
  VOLUNTEER_NOT_ASSIGNED: {
    status: 409,
    zh: '此人不在该任务或班次的人员名单中',
    en: 'This person is not on the task or on the shift roster',
  },
  VOLUNTEER_ALREADY_CHECKED_IN: {
    status: 409,
    zh: '此人已签到，尚未签退',
    en: 'This person is already checked in and has not checked out',
  },
  VOLUNTEER_NOT_CHECKED_IN: { status: 409, zh: '此记录已签退', en: 'This record is already checked out' },
  VOLUNTEER_NOT_CHECKED_OUT: { status: 409, zh: '尚未签退，不能审核', en: 'Not checked out yet; nothing to approve' },
  VOLUNTEER_HOURS_NOT_FOUND: {
    status: 404,
    zh: '服务时长记录不存在或不在您的管辖范围内',
    en: 'Service record not found, or outside your jurisdiction',
  },
  VOLUNTEER_HOURS_DECIDED: {
    status: 409,
    zh: '此记录已审核（通过或不予认定），不能再改',
    en: 'This record has already been approved or refused',
  },
  VOLUNTEER_PHOTO_TYPE: {
    status: 415,
    zh: '照片须为 JPEG、PNG 或 WebP 图片',
    en: 'The photo must be a JPEG, PNG or WebP image',
  },
  VOLUNTEER_PHOTO_TOO_LARGE: { status: 413, zh: '照片不能超过 5 MB', en: 'The photo must be at most 5 MB' },
  VOLUNTEER_PHOTO_NOT_FOUND: { status: 404, zh: '此任务没有照片', en: 'This task has no photo' },
  VOLUNTEER_NO_APPROVED_HOURS: {
    status: 409,
    zh: '此期间没有已认定的服务时长，不能出具证明',
    en: 'No approved hours in this period; no certificate can be issued',
  },
  VOLUNTEER_CERTIFICATE_NOT_FOUND: {
    status: 404,
    zh: '志愿服务证明不存在',
    en: 'No volunteer service certificate with this code',
  },
  COMPOUND_NOT_FOUND: {
    status: 404,
    zh: '小区不存在或不在您的管辖范围内',
    en: 'Compound not found, or outside your jurisdiction',
  },
  COMPOUND_EXISTS: {
    status: 409,
    zh: '该区域已标记为小区，请修改原记录',
    en: 'This region is already marked as a compound; change that record instead',
  },
  COMPOUND_REGION_INVALID: {
    status: 400,
    zh: '小区须标记在村（社区）或网格一级',
    en: 'A compound is marked on a village (community) or grid node',
  },
  TEMP_BRANCH_NOT_FOUND: {
    status: 404,
    zh: '临时党支部不存在或不在您的管辖范围内',
    en: 'Temporary branch not found, or outside your jurisdiction',
  },
  TEMP_BRANCH_EXISTS: {
    status: 409,
    zh: '此处已有未撤销的临时党支部',
    en: 'An open temporary branch already stands here',
  },
  TEMP_BRANCH_CLOSED: {
    status: 409,
    zh: '该临时党支部已撤销，不能再修改',
    en: 'This temporary branch has been closed and can no longer be changed',
  },
  TEMP_BRANCH_POST_CLOSED: {
    status: 409,
    zh: '该卡口或隔离点已关闭，不能在此新建临时党支部',
    en: 'This checkpoint or isolation site is closed; no branch can be set up there',
  },
  TEMP_BRANCH_MEMBER_EXISTS: {
    status: 409,
    zh: '此人已在本临时党支部中',
    en: 'This person already serves in this temporary branch',
  },
  TEMP_BRANCH_MEMBER_NOT_FOUND: {
    status: 404,
    zh: '本临时党支部没有这名成员',
    en: 'No such member in this temporary branch',
  },
  VOLUNTEER_NOT_FOUND: {
    status: 404,
    zh: '志愿者不存在或不在您的管辖范围内',
    en: 'Volunteer not found, or outside your jurisdiction',
  },
  VOLUNTEER_EXISTS: {
    status: 409,
    zh: '此人已报名为志愿者，无需重复报名',
    en: 'This person has already signed up as a volunteer',
  },
  VOLUNTEER_STATUS: {
    status: 409,
    zh: '志愿者当前状态下不能进行此操作',
    en: "This cannot be done in the volunteer's current status",
  },
  VOLUNTEER_REGION_LEVEL: {
    status: 422,
    zh: '志愿者须在村或社区服务，请选择村（社区）',
    en: 'A volunteer serves in a village or community: choose one',
  },
  VOLUNTEER_SIGNUP_LINK_INVALID: {
    status: 404,
    zh: '报名链接无效，请向村（社区）索取新的二维码',
    en: 'This sign-up link is not valid; ask the village or community for its current QR code',
  },
  VOLUNTEER_GROUP_SIZE: {
    status: 409,
    zh: '志愿服务小组须有3至5人（组建中的小组最多5人）',
    en: 'A volunteer group has 3 to 5 members (a group being formed at most 5)',
  },
  VOLUNTEER_GROUP_LEADER: {
    status: 409,
    zh: '组长须是本组成员；移出组长前请先另指定组长',
    en: 'The leader must be a member of the group; name another leader before removing them',
  },
  VOLUNTEER_IN_GROUP: {
    status: 409,
    zh: '该志愿者已在另一个小组中',
    en: 'This volunteer is already in another group',
  },
  VOLUNTEER_NOT_AVAILABLE: {
    status: 409,
    zh: '已退出的志愿者不能加入小组',
    en: 'A volunteer who has left cannot join a group',
  },
  CALLOUT_POINT_NOT_FOUND: {
    status: 404,
    zh: '集结点二维码无效，请向现场负责人确认',
    en: 'This meeting point code is not valid; ask the leader at the point',
  },
  CALLOUT_POINT_NO_ORDER: {
    status: 409,
    zh: '这部手机上没有本次集结令的通知链接：请先打开短信中的链接，再扫码签到，或请队长签到',
    en: 'This phone has no link of this call-out: open the link in your text message first, then scan again, or ask the leader to check you in',
  },
  SUPPLY_ITEM_NOT_FOUND: { status: 404, zh: '物资品目不存在', en: 'No such item in the catalogue' },
  SUPPLY_ITEM_CODE_TAKEN: { status: 409, zh: '该品目编码已被使用', en: 'Another item has this code' },
  SUPPLY_ITEM_UNIT_IN_USE: {
    status: 409,
    zh: '该品目已有台账记录，计量单位不能更改；如需其他单位请新增品目',
    en: 'The ledger already uses this item, so its unit cannot change; add a new item for another unit',
  },
  WAREHOUSE_NOT_FOUND: {
    status: 404,
    zh: '仓库不存在或不在您的管辖范围内',
    en: 'Warehouse not found, or outside your jurisdiction',
  },
  WAREHOUSE_CLOSED: {
    status: 409,
    zh: '仓库已停用，不能再入库或出库',
    en: 'The warehouse is closed: nothing moves in or out',
  },
  LEDGER_ENTRY_NOT_FOUND: {
    status: 404,
    zh: '台账记录不存在或不在您的管辖范围内',
    en: 'Ledger entry not found, or outside your jurisdiction',
  },
  LEDGER_ENTRY_REVERSED: {
    status: 409,
    zh: '该台账记录已被冲正，每条记录只能冲正一次',
    en: 'This ledger entry has already been reversed; an entry is reversed once',
  },
  LEDGER_ENTRY_NOT_REVERSIBLE: {
    status: 409,
    zh: '冲正记录本身不能再冲正，请重新录入正确的记录',
    en: 'A reversal cannot itself be reversed; enter the movement again instead',
  },
  STOCK_INSUFFICIENT: {
    status: 409,
    zh: '库存不足：出库或冲正后库存不能为负数',
    en: 'Not enough stock: a balance cannot go below zero',
  },
  DONOR_NOT_FOUND: {
    status: 404,
    zh: '捐赠人不存在或不在您的管辖范围内',
    en: 'Donor not found, or outside your jurisdiction',
  },
  DONATION_NOT_FOUND: {
    status: 404,
    zh: '捐赠记录不存在或不在您的管辖范围内',
    en: 'Donation not found, or outside your jurisdiction',
  },
  DONATION_LINE_NOT_FOUND: {
    status: 404,
    zh: '该捐赠没有这一行物资（或同一行填了两次）',
    en: 'This donation has no such line (or the line was given twice)',
  },
  DONATION_LINE_RECEIVED: {
    status: 409,
    zh: '该行物资已验收，验收记录不能覆盖；如有错误请冲正台账记录',
    en: 'This line has already been received; a receipt is never overwritten (reverse its ledger entry instead)',
  },
  DONATION_DISCREPANCY_UNEXPLAINED: {
    status: 400,
    zh: '实收物资与申报不符（品目、规格或数量），请填写差异原因',
    en: 'What was received differs from the declaration (item, specification or quantity); give the reason',
  },
  DONATION_CERTIFICATE_NOT_FOUND: {
    status: 404,
    zh: '没有这个编码的捐赠证书',
    en: 'No donation certificate has this code',
  },
  CONSUMPTION_NOT_GOODS: {
    status: 400,
    zh: '捐款不能登记为消耗；消耗只登记物资（口罩、手套、消毒液等）',
    en: 'Money is not used up at a site; report use of goods (masks, gloves, disinfectant …)',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
