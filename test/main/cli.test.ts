import { describe, expect, it } from 'vitest';
import { cli } from './run-cli';

describe('cli', () => {
  it('profiles --json prints a JSON array', async () => {
    const { code, stdout } = await cli(['profiles', '--json']);
    expect(code).toBe(0);
    const profiles = JSON.parse(stdout) as { id: string; threshold: string; categories: string[] }[];
    expect(profiles.map((profile) => profile.id)).toEqual([
      'guangzhou-2020-voucher', 'shandong-2022-voucher', 'shandong-2023-voucher', 'shanxi-2024-voucher', 'shenzhen-2024-dsp',
    ]);
    expect(profiles.find((profile) => profile.id === 'shenzhen-2024-dsp')).toMatchObject({ threshold: '0.20', categories: ['comprehensive', 'non-comprehensive'] });
  });
  it('an unknown command is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command');
  });
  it('an unknown option is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli(['profiles', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('--bogus');
  });
});
