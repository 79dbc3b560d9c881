import { describe, expect, it } from 'vitest';
import { parseDeclaredRelations } from '../../../src-renderer/core/panel';

describe('a reviewer\'s list of employers and clients read from a file', () => {
  it('reads names, credit codes, relations and dates, full-width commas and a header line', () => {
    const text = '\uFEFF名称,统一社会信用代码,关系\n深圳市申报有限公司，91440300ma5abcde1x，客户\n"某大学, 计算机学院",任职,2022-01-01,2024-06-30\n\n# 备注行\n广州市乙公司\n';
    expect(parseDeclaredRelations(text, 'list.csv')).toEqual([
      { name: '深圳市申报有限公司', creditCode: '91440300MA5ABCDE1X', relation: 'client' },
      { name: '某大学, 计算机学院', relation: 'employer', from: '2022-01-01', to: '2024-06-30' },
      { name: '广州市乙公司', relation: 'client' },
    ]);
  });

  it('names the file and the line it cannot read', () => {
    expect(() => parseDeclaredRelations('甲公司,客户\n乙公司,12345', 'list.txt')).toThrow('list.txt: line 2: "12345" is neither a unified social credit code (18 characters), a relation (任职/客户) nor a date YYYY-MM-DD');
    expect(() => parseDeclaredRelations(',客户', 'list.txt')).toThrow('list.txt: line 1: no organisation name');
  });
});
