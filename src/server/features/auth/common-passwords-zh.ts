/**
 * Passwords and words that Chinese users pick far more often than the English-language lists that
 * come with the strength estimator know (published analyses of the large Chinese leaks), and
 * words of this product and its field. Passwords are refused outright; words are given to the
 * estimator as a dictionary, so `Wuhan2020` or `woaini1314` count as the guesses they are.
 */
export const COMMON_PASSWORDS_ZH: readonly string[] = [
  '123456789', '12345678', '11111111', 'dearbook', '00000000', '123123123', '1234567890', '88888888',
  '111111111', '147258369', '987654321', 'aaaaaaaa', '1111111111', '66666666', 'a123456789', '11223344',
  '1qaz2wsx', 'xiazhili', '789456123', 'password', '87654321', 'qqqqqqqq', '000000000', 'qwertyuiop',
  'qq123456', 'iloveyou', '31415926', '12344321', '0000000000', 'asdfghjkl', '1q2w3e4r', '123456abc',
  '0123456789', '123654789', '12121212', 'qazwsxedc', 'abcd1234', '12341234', '110110110', 'asdasdasd',
  '123456aa', 'woaini1314', '5201314520', '1314520520', 'woaini520', 'woaini521', 'aini1314', 'a5201314',
  '5201314a', 'iloveyou1314', '520520520', 'woaini123', 'woaiwojia', 'abc123456', 'z123456789',
  'qq5201314', 'wang123456', 'zhang123456', 'li123456', 'a1234567', 'aa123456', 'a12345678', 'qwe123456',
  '123qweasd', 'qweasdzxc', '1qaz2wsx3edc', 'zxcvbnm123', 'asd123456', '147258369a', 'p@ssw0rd',
];

export const COMMON_WORDS_ZH: readonly string[] = [
  // this product and its field
  'qunfang', 'qunfangqunkong', 'lianfang', 'fangkong', 'fangyi', 'yiqing', 'kangyi', 'kouzhao', 'xinguan',
  'feiyan', 'ncov', 'covid', 'wuhan', 'hubei', 'shanxi', 'pingyao', 'jinzhong', 'taiyuan', 'wangge',
  'kakou', 'geli', 'zhihuibu', 'admin', 'demo', 'guanliyuan', 'mima',
  // words and names people build passwords from
  'woaini', 'aini', 'nihao', 'baobei', 'laopo', 'laogong', 'zhongguo', 'china', 'beijing', 'shanghai',
  'shenzhen', 'guangzhou', 'zhangsan', 'lisi', 'wangwu', 'xiaoming', 'xiaohong', 'huawei', 'xiaomi',
  'wang', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'zhou', 'sun', 'zhu', 'guo', 'gao', 'lin',
  'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao',
  'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'wei', 'yu', 'du', 'ye', 'cheng', 'wen', 'ding', 'ren',
];
