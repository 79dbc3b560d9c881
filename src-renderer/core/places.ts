// Registration places as people read them. Profiles and manifests name a place by a short id
// ("shenzhen" in a profile's whenRegisteredIn, "dongguan" in a manifest's applicant.registeredIn);
// the interface and the exports show its name: 深圳市 in Chinese, Shenzhen in English. The prefecture-
// level cities of the provinces whose programs the workstation serves (Guangdong, Shanxi, Shandong)
// and those provinces are known; any other place is shown as written (it may be a name already).

interface PlaceName {
  zh: string;
  en: string;
}

const PLACES: Readonly<Record<string, PlaceName>> = {
  guangdong: { zh: '广东省', en: 'Guangdong' },
  guangzhou: { zh: '广州市', en: 'Guangzhou' },
  shenzhen: { zh: '深圳市', en: 'Shenzhen' },
  zhuhai: { zh: '珠海市', en: 'Zhuhai' },
  shantou: { zh: '汕头市', en: 'Shantou' },
  foshan: { zh: '佛山市', en: 'Foshan' },
  shaoguan: { zh: '韶关市', en: 'Shaoguan' },
  zhanjiang: { zh: '湛江市', en: 'Zhanjiang' },
  zhaoqing: { zh: '肇庆市', en: 'Zhaoqing' },
  jiangmen: { zh: '江门市', en: 'Jiangmen' },
  maoming: { zh: '茂名市', en: 'Maoming' },
  huizhou: { zh: '惠州市', en: 'Huizhou' },
  meizhou: { zh: '梅州市', en: 'Meizhou' },
  shanwei: { zh: '汕尾市', en: 'Shanwei' },
  heyuan: { zh: '河源市', en: 'Heyuan' },
  yangjiang: { zh: '阳江市', en: 'Yangjiang' },
  qingyuan: { zh: '清远市', en: 'Qingyuan' },
  dongguan: { zh: '东莞市', en: 'Dongguan' },
  zhongshan: { zh: '中山市', en: 'Zhongshan' },
  chaozhou: { zh: '潮州市', en: 'Chaozhou' },
  jieyang: { zh: '揭阳市', en: 'Jieyang' },
  yunfu: { zh: '云浮市', en: 'Yunfu' },
  shanxi: { zh: '山西省', en: 'Shanxi' },
  taiyuan: { zh: '太原市', en: 'Taiyuan' },
  datong: { zh: '大同市', en: 'Datong' },
  yangquan: { zh: '阳泉市', en: 'Yangquan' },
  changzhi: { zh: '长治市', en: 'Changzhi' },
  jincheng: { zh: '晋城市', en: 'Jincheng' },
  shuozhou: { zh: '朔州市', en: 'Shuozhou' },
  jinzhong: { zh: '晋中市', en: 'Jinzhong' },
  yuncheng: { zh: '运城市', en: 'Yuncheng' },
  xinzhou: { zh: '忻州市', en: 'Xinzhou' },
  linfen: { zh: '临汾市', en: 'Linfen' },
  lvliang: { zh: '吕梁市', en: 'Lüliang' },
  shandong: { zh: '山东省', en: 'Shandong' },
  jinan: { zh: '济南市', en: 'Jinan' },
  qingdao: { zh: '青岛市', en: 'Qingdao' },
  zibo: { zh: '淄博市', en: 'Zibo' },
  zaozhuang: { zh: '枣庄市', en: 'Zaozhuang' },
  dongying: { zh: '东营市', en: 'Dongying' },
  yantai: { zh: '烟台市', en: 'Yantai' },
  weifang: { zh: '潍坊市', en: 'Weifang' },
  jining: { zh: '济宁市', en: 'Jining' },
  taian: { zh: '泰安市', en: "Tai'an" },
  weihai: { zh: '威海市', en: 'Weihai' },
  rizhao: { zh: '日照市', en: 'Rizhao' },
  linyi: { zh: '临沂市', en: 'Linyi' },
  dezhou: { zh: '德州市', en: 'Dezhou' },
  liaocheng: { zh: '聊城市', en: 'Liaocheng' },
  binzhou: { zh: '滨州市', en: 'Binzhou' },
  heze: { zh: '菏泽市', en: 'Heze' },
};

const BY_CHINESE_NAME: ReadonlyMap<string, PlaceName> = new Map(Object.values(PLACES).flatMap((place) => [[place.zh, place], [place.zh.replace(/[市省]$/, ''), place]] as const));

/** The place's name in the given language: 深圳市 / Shenzhen for "shenzhen" (or for 深圳市, 深圳); an unknown place as written. */
export function placeName(place: string, lang: 'zh' | 'en'): string {
  const key = place.trim();
  const known = PLACES[key.toLowerCase()] ?? BY_CHINESE_NAME.get(key);
  return known ? known[lang] : key;
}

/** Several places, in the language's list style (深圳市、东莞市 / Shenzhen, Dongguan). */
export function placeNames(places: readonly string[], lang: 'zh' | 'en'): string {
  return places.map((place) => placeName(place, lang)).join(lang === 'zh' ? '、' : ', ');
}
