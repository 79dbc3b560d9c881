// Words that company names in China are commonly made of (places, trades, legal forms), for choosing
// among an OCR engine's disagreeing readings of a party name (field-regions.ts): a reading that makes
// such words of its characters is likelier the print than one that makes none.
import { usccWellFormed } from './checks';
import { CITY_NAMES, CITY_OF_REGION_CODE, PROVINCE_NAMES } from './city-names';
import { placesApart } from './text-normalize';

/** Provinces and the larger cities, as company names begin with them. */
const PLACES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北',
  '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
  '深圳', '广州', '珠海', '汕头', '佛山', '东莞', '中山', '惠州', '江门', '湛江', '肇庆', '茂名', '梅州', '汕尾', '河源', '阳江', '清远',
  '潮州', '揭阳', '云浮', '韶关', '杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '台州', '南京', '苏州', '无锡', '常州', '南通',
  '徐州', '扬州', '镇江', '泰州', '盐城', '淮安', '连云港', '宿迁', '合肥', '芜湖', '福州', '厦门', '泉州', '漳州', '莆田', '南昌', '赣州',
  '济南', '青岛', '烟台', '潍坊', '临沂', '淄博', '济宁', '威海', '日照', '郑州', '洛阳', '开封', '武汉', '宜昌', '襄阳', '长沙', '株洲',
  '湘潭', '成都', '绵阳', '德阳', '宜宾', '泸州', '内江', '乐山', '南充', '贵阳', '遵义', '昆明', '西安', '咸阳', '兰州', '西宁', '银川',
  '太原', '大同', '石家庄', '唐山', '保定', '廊坊', '沈阳', '大连', '长春', '哈尔滨', '呼和浩特', '包头', '南宁', '柳州', '桂林', '海口',
  '三亚', '拉萨', '乌鲁木齐', '雄安', '浦东', '滨海', '中关村',
];

/** Trades, kinds of business and the words around them. */
const TRADES = [
  '网络', '科技', '技术', '信息', '贸易', '商贸', '电子', '实业', '发展', '服务', '管理', '咨询', '建设', '工程', '投资', '控股', '集团',
  '数据', '软件', '系统', '通信', '通讯', '电器', '电气', '机械', '设备', '文化', '传媒', '广告', '物流', '供应链', '能源', '环保', '医药',
  '生物', '食品', '餐饮', '酒店', '房地产', '置业', '物业', '教育', '培训', '智能', '数码', '创新', '国际', '中国', '银行', '商务', '电商',
  '互联网', '计算机', '云计算', '人工智能', '信息技术', '网络科技', '电子商务', '企业', '产业', '工业', '商业', '农业', '汽车', '材料', '新材料',
  '光电', '半导体', '仪器', '仪表', '自动化', '装备', '制造', '印刷', '包装', '装饰', '设计', '策划', '营销', '会展', '旅游', '运输', '航空',
  '电力', '燃气', '石油', '化工', '钢铁', '建材', '家居', '家具', '服装', '纺织', '百货', '超市', '药房', '连锁', '租赁', '保险', '证券',
  '金融', '支付', '游戏', '娱乐', '影视', '音乐', '体育', '健康', '医疗', '检测', '认证', '测绘', '勘察', '规划', '安装', '维修', '清洁',
  '人力资源', '劳务', '外包', '代理', '经纪', '进出口', '供销', '批发', '零售', '开发', '研究', '研究院', '研究所', '中心', '事务所', '工作室',
  '合伙', '个体', '经营部', '商行', '门市部', '分店', '营业部', '分部', '总部', '销售', '手机', '移动', '联通', '电信',
  // Trades as common, listed so that a reading one character off them is not taken for their neighbours (建筑 for 建设).
  '建筑', '科学', '科研', '科创', '传播', '物资', '机电', '环境', '节能', '照明', '美容', '家政', '服饰', '珠宝', '林业', '矿业', '水务',
  '园林', '绿化', '景观', '市政', '交通', '客运', '货运', '快递', '仓储', '船舶', '钢材', '五金', '塑料', '玻璃', '陶瓷', '纸业', '化学',
  '制药', '药业', '器械', '数字', '出版', '图书', '文具', '办公', '礼品', '茶业', '酒业', '烟草', '水产', '养殖', '种植', '果蔬', '粮油',
  '乳业', '饮料', '化妆品', '日用品', '母婴', '宠物', '花卉', '艺术', '摄影', '动漫', '集成',
];

/** Legal forms and the words of branches. */
const FORMS = ['有限', '公司', '有限公司', '股份', '股份有限公司', '有限责任', '有限责任公司', '分公司', '支行', '分行', '合作社', '集团'];

/** Every word, longest first. */
export const COMPANY_NAME_WORDS: readonly string[] = [...new Set([...PLACES, ...TRADES, ...FORMS])].sort((a, b) => b.length - a.length);

/** How many characters of a name the words of COMPANY_NAME_WORDS cover. */
export function companyWordCoverage(name: string): number {
  const covered = new Uint8Array(name.length);
  for (const word of COMPANY_NAME_WORDS) {
    for (let at = name.indexOf(word); at >= 0; at = name.indexOf(word, at + 1)) covered.fill(1, at, at + word.length);
  }
  return covered.reduce((sum, bit) => sum + bit, 0);
}

/** Legal forms a company name ends with, longest first, before which its trade word stands (not a branch's). */
const NAME_ENDINGS = ['股份有限公司', '有限责任公司', '有限公司', '分公司', '公司'];
/**
 * 有限公司 ending a name with its 限 or its 司 misread, or both (有隐公可, 司 read as a character with its
 * frame: 可, 句, 同, 叮): no other legal form reads 有…公… (a 公园 is no party).
 */
const LIMITED_MISREAD = /有[^限]公[司可句同叮]$|有限公[^司园]$/u;
/** The places a company name may begin with, by what follows them: a city's 市 or a province's 省. */
const PLACES_BEFORE: readonly [string, readonly string[]][] = [['市', CITY_NAMES], ['省', PROVINCE_NAMES]];
/** What OCR reads a place's mark as: 市 without its dot, 巾 (not in 巾帼, a word names hold: 苏州巾帼家政). */
const MARK_READ_AS: Readonly<Record<string, string>> = { 市: '巾' };
const MISREAD_MARK_NOT_BEFORE = '帼';
/**
 * What OCR reads a place's first character as, its dot lost: 广 as 厂 (厂州 for 广州). No company name
 * begins with 厂 (a works: it ends names), so a name that does, and makes a place with 广, is that place's.
 */
const PLACE_START_READ_AS: Readonly<Record<string, string>> = { 广: '厂' };
/** Every place a company name may begin with (PLACES, the cities and the provinces). */
const NAME_START_PLACES: readonly string[] = [...new Set([...PLACES, ...CITY_NAMES, ...PROVINCE_NAMES])];

/** The name with its first character put back where its place's first character was read without its dot (PLACE_START_READ_AS). */
function withPlaceStartMended(name: string): string {
  for (const [start, readAs] of Object.entries(PLACE_START_READ_AS)) {
    if (!name.startsWith(readAs)) continue;
    const mended = start + name.slice(readAs.length);
    if (NAME_START_PLACES.some((place) => mended.startsWith(place))) return mended;
  }
  return name;
}

/** The one word of `words` as long as `read` that differs from it in exactly one character; null when none or several do, or when `read` is one of them. */
function oneCharacterOff(read: string, words: readonly string[]): string | null {
  let found: string | null = null;
  for (const word of words) {
    const differing = placesApart(word, read);
    if (differing === 0) return null;
    if (differing !== 1) continue;
    if (found !== null) return null;
    found = word;
  }
  return found;
}

/** The region code (GB/T 2260's first four digits: a city or municipality) a taxpayer registered in, by its id: a credit code as can be issued, or an old 15-digit id. */
export function regionOfTaxId(taxId: string | undefined): string | null {
  const code = taxId && /^\d{15}$/.test(taxId) ? taxId.slice(0, 4) : taxId?.length === 18 && usccWellFormed(taxId) ? taxId.slice(2, 6) : null;
  return code !== null && CITY_OF_REGION_CODE.has(code) ? code : null;
}

/** The region codes (GB/T 2260's first four digits) of each prefecture-level city and municipality. */
const REGION_CODES_OF_CITY: ReadonlyMap<string, readonly string[]> = [...CITY_OF_REGION_CODE].reduce((codes, [code, city]) => codes.set(city, [...(codes.get(city) ?? []), code]), new Map<string, string[]>());

/**
 * The region codes of the city a party name begins with (a prefecture-level city or a municipality,
 * before its 市 or without it: 深圳市…, 广州…): where a company's name puts it, it registered (the
 * name's place is its registering authority's). Empty when the name begins with no such city.
 */
export function regionCodesOfNamedCity(name: string | undefined): readonly string[] {
  if (!name) return [];
  const mark = name.indexOf('市');
  if (mark >= 2) return REGION_CODES_OF_CITY.get(name.slice(0, mark)) ?? [];
  const city = [...REGION_CODES_OF_CITY.keys()].filter((place) => name.startsWith(place)).sort((a, b) => b.length - a.length)[0];
  return city ? REGION_CODES_OF_CITY.get(city)! : [];
}

/**
 * A party name read unsurely, with the words company names are made of mended where one character
 * of one was misread: the place it begins with (a city before 市, a province before 省: "摄圳市" for
 * 深圳市; 市 read as 巾 after a city: "漆圳巾" for 深圳市) and the trade word before its legal form
 * ("网雒有限公司" for 网络有限公司), each where exactly one city, province or word of TRADES as long
 * differs from the reading in one character. A city before 市 that is none and not one character off
 * one is the city the party registered in (by its taxpayer id: regionOfTaxId) where that is as long. A
 * 有限公司 with its 限 or 司 misread is mended too. The proper noun between them is not touched. Null
 * when nothing is mended.
 * Where the city one character off and the registered city differ, the id may be the one misread: the
 * city one character off is taken where one of its region codes is one digit from the id's ("漆圳市"
 * with 4404 read for 4403 is 深圳, not 珠海), the registered city otherwise ("滕绣市" with 4403 is 深圳,
 * not 滕州: two characters of a name misread are likelier than an id's region misread in three digits).
 */
export function nameWithWordsMended(read: string, registeredRegion: string | null = null): string | null {
  const registeredCity = registeredRegion === null ? null : CITY_OF_REGION_CODE.get(registeredRegion) ?? null;
  const name = withPlaceStartMended(read.replace(LIMITED_MISREAD, '有限公司'));
  const characters = [...name];
  let mended = [...characters];
  for (const [mark, places] of PLACES_BEFORE) {
    const misreadMark = MARK_READ_AS[mark];
    const marked = characters.indexOf(mark);
    const misread = misreadMark ? characters.indexOf(misreadMark) : -1;
    const at = marked >= 0 ? marked : misread >= 0 && characters[misread + 1] !== MISREAD_MARK_NOT_BEFORE ? misread : -1;
    if (at < 2 || characters.length <= at + 3) continue;
    const place = characters.slice(0, at).join('');
    // A city misread in more than one character ("探妾市" for 深圳市) is the one the party registered in, as long.
    const registered = mark === '市' && registeredCity !== null && [...registeredCity].length === [...place].length ? registeredCity : null;
    const oneOff = oneCharacterOff(place, places);
    const idOneDigitOff = oneOff !== null && registeredRegion !== null && (REGION_CODES_OF_CITY.get(oneOff) ?? []).some((region) => placesApart(region, registeredRegion) === 1);
    const word = places.includes(place) ? place : registered === null || idOneDigitOff ? oneOff : registered;
    if (!word) continue;
    // The place known, or one character off one: the place, and its mark where it was misread (深圳巾 → 深圳市).
    mended.splice(0, at + 1, ...word, mark);
    break;
  }
  const ending = NAME_ENDINGS.find((form) => name.endsWith(form));
  if (ending && ending !== '分公司') {
    const end = characters.length - [...ending].length;
    const trade = end >= 4 ? characters.slice(end - 2, end).join('') : null;
    const word = trade && oneCharacterOff(trade, TRADES);
    if (word) mended = [...mended.slice(0, end - 2), ...word, ...mended.slice(end)];
  }
  const text = mended.join('');
  return text === read ? null : text;
}
