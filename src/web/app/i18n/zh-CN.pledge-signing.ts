/** Strings of signing a pledge with a cadre (代签/现场签署). */
export const pledgeSigningZhCN = {
  'pledgeSigning.open': '代签/现场签署',
  'pledgeSigning.title': '现场签署请战书',
  'pledgeSigning.unit': '单位',
  'pledgeSigning.person': '签署人',
  'pledgeSigning.personHelp': '党员、医生或志愿者，须已在人员登记中',
  'pledgeSigning.personPlaceholder': '输入姓名、拼音首字母、身份证号或手机号查找',
  'pledgeSigning.noPersons': '没有找到此人，请先在人员登记中登记',
  'pledgeSigning.text': '请战书内容（可按本人修改）',
  'pledgeSigning.sign': '请本人在下方手写签名：',
  'pledgeSigning.clear': '重写',
  'pledgeSigning.signMissing': '请先签名',
  'pledgeSigning.submit': '签署',
  'pledgeSigning.done': '已签署，编号 {serial}',
  'pledgeSigning.required': '必填',
} as const;
