import { describe, expect, it } from 'vitest';
import { companyWordCoverage, nameWithWordsMended, regionOfTaxId } from '../../../src-renderer/core/extract/company-words';

describe('nameWithWordsMended', () => {
  it('mends the place a name begins with where one character of it was misread (photographed dot-matrix names of the seventh set)', () => {
    expect(nameWithWordsMended('摄圳市购机汇网络有限公司')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('谅圳市购机汇网络有限公司')).toBe('深圳市购机汇网络有限公司');
  });

  it('mends the trade word before the legal form where one character of it was misread', () => {
    expect(nameWithWordsMended('深圳市购机汇网雒有限公司')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('广州智东氯易有限公司')).toBe('广州智东贸易有限公司');
    expect(nameWithWordsMended('摄圳市购机汇网雒有限公司')).toBe('深圳市购机汇网络有限公司');
  });

  it('leaves the proper noun between them as read: no word can tell it', () => {
    expect(nameWithWordsMended('广州霁东贸易有限公司')).toBeNull();
  });

  it('mends nothing where several words are one character off the reading (汐州: 广州, 杭州, 福州…) or none is', () => {
    expect(nameWithWordsMended('汐州市黄埔电子有限公司')).toBeNull();
    expect(nameWithWordsMended('探妾市购机汇网络有限公司')).toBeNull();
    expect(nameWithWordsMended('广州面东乱勇有限公司')).toBeNull();
  });

  it('leaves common trades that lie one character from another alone (建筑 is not 建设, 传播 not 传媒)', () => {
    expect(nameWithWordsMended('深圳市鹏城建筑有限公司')).toBeNull();
    expect(nameWithWordsMended('北京星光文化传播有限公司')).toBeNull();
    expect(nameWithWordsMended('上海光源科学有限公司')).toBeNull();
  });

  it('leaves a name whose words are all known alone, and a branch name’s ending', () => {
    expect(nameWithWordsMended('深圳市购机汇网络有限公司')).toBeNull();
    expect(nameWithWordsMended('中国移动通信集团贵州有限公司黔南分公司')).toBeNull();
  });

  it('takes a place only before 市 or 省, with a name after it', () => {
    expect(nameWithWordsMended('深州华信有限公司')).toBeNull();
    expect(nameWithWordsMended('摄圳市公司')).toBeNull();
    expect(nameWithWordsMended('广冻省粤海实业有限公司')).toBe('广东省粤海实业有限公司');
  });

  it('takes 巾 after a city, or after a city one character off, for its 市 (its dot lost: H01 of the eighth set)', () => {
    expect(nameWithWordsMended('漆圳巾购机汇网络有限公司')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('深圳巾购机汀网络有限公司')).toBe('深圳市购机汀网络有限公司');
    expect(nameWithWordsMended('毛巾厂贸易有限公司')).toBeNull();
    expect(nameWithWordsMended('苏州巾帼家政服务有限公司')).toBeNull();
  });

  it('takes 厂 beginning a name for the 广 of its place, its dot lost (I13 photographed at an angle: "厂州华栈天城科技有限公司")', () => {
    expect(nameWithWordsMended('厂州华栈天城科技有限公司')).toBe('广州华栈天城科技有限公司');
    expect(nameWithWordsMended('厂东省粤海实业有限公司')).toBe('广东省粤海实业有限公司');
    expect(nameWithWordsMended('厂西南宁某某贸易有限公司')).toBe('广西南宁某某贸易有限公司');
    // Not: 厂 before what makes no place with 广.
    expect(nameWithWordsMended('厂房租赁服务有限公司')).toBeNull();
  });

  it('knows every city, county-level ones too: a real city one character off a larger one stays (兰溪 is not 兰州, 深州 not 深圳)', () => {
    expect(nameWithWordsMended('兰溪市悦济舫餐厅')).toBeNull();
    expect(nameWithWordsMended('深州市华信商店')).toBeNull();
  });

  it('takes a city misread in more than one character ("探妾市", "撇朗市") for the one the party registered in, where that is as long (D02, F03 of the fourth and sixth sets)', () => {
    expect(nameWithWordsMended('探妾市购机汇网络有限公司', '4403')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('撇朗市购机汇网络有限公司', '4403')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('探妾市购机汇网络有限公司')).toBeNull();
    // Not: a real city (the name says where it registered as surely as the id); a city of another length.
    expect(nameWithWordsMended('滕州市购机汇网络有限公司', '4403')).toBeNull();
    expect(nameWithWordsMended('探妾市购机汇网络有限公司', '1301')).toBeNull();
    // A city one character off another than the registered one: the id read one digit off the one-off city's region was misread
    // (440400… read for 440300…: 珠海, L01 of the eleventh set); an id further from it says the city (滕绣 is one off 滕州, G04 of the seventh).
    expect(nameWithWordsMended('漆圳市购机汇网绝有限公司', '4404')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('滕绣市购机汇网结有限公司', '4403')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('滕绣市购机汇网结有限公司')).toBe('滕州市购机汇网络有限公司');
  });

  it('mends 有限公司 ending a name with its 限 or its 司 misread, or both (有隐公可: F04 of the sixth set)', () => {
    expect(nameWithWordsMended('深圳市购机汇网络有隐公可')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('深圳市购机汇网络有限公可')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('深圳市购机汇网络有隐公司')).toBe('深圳市购机汇网络有限公司');
    expect(nameWithWordsMended('深圳市购机汇网络有限公司')).toBeNull();
    expect(nameWithWordsMended('中国移动通信集团四川有限公司成都分公司')).toBeNull();
  });

  it('leaves 系统集成 alone (集成 is a trade, not a misread 集团)', () => {
    expect(nameWithWordsMended('杭州瑞达系统集成有限公司')).toBeNull();
  });
});

describe('regionOfTaxId', () => {
  it('is the region code of the city a credit code (as can be issued) or an old 15-digit id holds', () => {
    expect(regionOfTaxId('440300083885931')).toBe('4403');
    expect(regionOfTaxId('91440101664041243T')).toBe('4401');
    expect(regionOfTaxId('91110108MA1234X59F')).toBe('1101');
    // Not: a credit code that fails its check, a region code of no city (a county under the province), no id.
    expect(regionOfTaxId('91440101664041243X')).toBeNull();
    expect(regionOfTaxId('429004198709120000')).toBeNull();
    expect(regionOfTaxId(undefined)).toBeNull();
  });
});

describe('companyWordCoverage', () => {
  it('counts the characters that the words of company names cover', () => {
    expect(companyWordCoverage('深圳市购机汇网络有限公司')).toBe(8);
    expect(companyWordCoverage('探妾市购机汇网绕有限公司')).toBe(4);
  });
});
