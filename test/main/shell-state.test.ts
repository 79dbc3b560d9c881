import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, parseShellState, placeWindow, serializeShellState } from '../../src-main/main/shell-state';
import { buildMenuTemplate, languageForLocale, MENU_STRINGS, type MenuActions } from '../../src-main/main/menu';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({}));

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('shell state file', () => {
  it('round-trips', () => {
    const state = { window: { bounds: { x: 5, y: 6, width: 1300, height: 800 }, maximized: true }, language: 'en' as const };
    expect(parseShellState(serializeShellState(state))).toEqual(state);
  });

  it.each([
    ['missing file', null],
    ['not JSON', '{"window":'],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['fractional size', '{"window":{"bounds":{"x":0,"y":0,"width":10.5,"height":10},"maximized":false}}'],
    ['absurd position', '{"window":{"bounds":{"x":1e12,"y":0,"width":100,"height":100},"maximized":false}}'],
    ['zero size', '{"window":{"bounds":{"x":0,"y":0,"width":0,"height":100},"maximized":false}}'],
    ['strings', '{"window":{"bounds":{"x":"0","y":0,"width":100,"height":100},"maximized":"yes"}}'],
  ])('falls back to defaults for %s', (_label, text) => {
    expect(parseShellState(text).window).toBeNull();
  });

  it('keeps a valid part when the other is broken', () => {
    expect(parseShellState('{"window":"broken","language":"zh-CN"}')).toEqual({ window: null, language: 'zh-CN' });
    expect(parseShellState('{"language":"fr"}').language).toBeNull();
  });
});

describe('window placement', () => {
  it('opens at the default size centred on the primary display the first time', () => {
    expect(placeWindow(null, [primary])).toEqual({
      bounds: { x: 240, y: 70, width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height },
      maximized: false,
    });
  });

  it('restores bounds that are on a display, also a secondary one', () => {
    const remembered = { bounds: { x: 2000, y: 100, width: 1500, height: 1000 }, maximized: true };
    expect(placeWindow(remembered, [primary, right])).toEqual(remembered);
  });

  it('moves a window whose display is gone back onto the primary display', () => {
    const remembered = { bounds: { x: 5000, y: 100, width: 1500, height: 1000 }, maximized: false };
    const placed = placeWindow(remembered, [primary]);
    expect(placed.bounds).toEqual({ x: 210, y: 20, width: 1500, height: 1000 });
  });

  it('does not count a window whose title bar is off-screen as visible', () => {
    const placed = placeWindow({ bounds: { x: 100, y: -900, width: 1200, height: 950 }, maximized: false }, [primary]);
    expect(placed.bounds.y).toBeGreaterThanOrEqual(0);
  });

  it('pulls a partly visible window fully onto its display and shrinks one larger than the display', () => {
    const placed = placeWindow({ bounds: { x: 1500, y: 500, width: 3000, height: 2000 }, maximized: false }, [primary]);
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    const small = placeWindow({ bounds: { x: 1700, y: 900, width: 1200, height: 800 }, maximized: false }, [primary]);
    expect(small.bounds).toEqual({ x: 720, y: 240, width: 1200, height: 800 });
  });

  it('never opens smaller than the minimum size when the display is large enough', () => {
    const placed = placeWindow({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [primary]);
    expect(placed.bounds.width).toBe(MIN_WINDOW_SIZE.width);
    expect(placed.bounds.height).toBe(MIN_WINDOW_SIZE.height);
  });
});

describe('application menu', () => {
  const actions = (): MenuActions & { calls: unknown[] } => {
    const calls: unknown[] = [];
    return {
      calls,
      openDossier: (source) => calls.push(['open', source]),
      switchLanguage: (language) => calls.push(['language', language]),
      showAbout: () => calls.push(['about']),
    };
  };
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
  const find = (items: MenuItemConstructorOptions[], id: string) => flatten(items).find((item) => item.id === id)!;
  const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
  ] as const)('picks %s → %s from the system locale', (locale, language) => {
    expect(languageForLocale(locale)).toBe(language);
  });

  it('is in Chinese or English with the same structure', () => {
    const zh = buildMenuTemplate({ language: 'zh-CN', platform: 'linux', developerTools: false }, actions());
    const en = buildMenuTemplate({ language: 'en', platform: 'linux', developerTools: false }, actions());
    expect(zh.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '语言', '窗口', '帮助']);
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Language', 'Window', 'Help']);
    expect(find(zh, 'open-folder').label).toBe(MENU_STRINGS['zh-CN'].openFolder);
    expect(find(en, 'open-folder').label).toBe('Open Dossier Folder…');
    expect(Object.keys(MENU_STRINGS['zh-CN']).sort()).toEqual(Object.keys(MENU_STRINGS.en).sort());
  });

  it('sends open commands and switches language from the menu', () => {
    const recorded = actions();
    const menu = buildMenuTemplate({ language: 'zh-CN', platform: 'win32', developerTools: false }, recorded);
    click(find(menu, 'open-folder'));
    click(find(menu, 'open-zip'));
    click(find(menu, 'open-files'));
    click(find(menu, 'language-en'));
    click(find(menu, 'about'));
    expect(recorded.calls).toEqual([['open', 'folder'], ['open', 'zip'], ['open', 'files'], ['language', 'en'], ['about']]);
    expect(find(menu, 'language-zh-CN').checked).toBe(true);
    expect(find(menu, 'language-en').checked).toBe(false);
  });

  it('offers developer tools only in development builds and never opens anything external', () => {
    const packaged = flatten(buildMenuTemplate({ language: 'en', platform: 'linux', developerTools: false }, actions()));
    expect(packaged.some((item) => item.role === 'toggleDevTools')).toBe(false);
    const development = flatten(buildMenuTemplate({ language: 'en', platform: 'linux', developerTools: true }, actions()));
    expect(development.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});
