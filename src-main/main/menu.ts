import type { MenuItemConstructorOptions } from 'electron';
import type { DossierSource, UiLanguage } from '../shared/contract';

export interface MenuStrings {
  file: string;
  openFolder: string;
  openZip: string;
  openFiles: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  zoomIn: string;
  zoomOut: string;
  resetZoom: string;
  fullScreen: string;
  developerTools: string;
  language: string;
  window: string;
  minimize: string;
  close: string;
  help: string;
  about: string;
  aboutDetail: string;
  zipFilter: string;
  dossierFilesFilter: string;
  rendererGoneTitle: string;
  rendererGoneRepeated: string;
}

export const MENU_STRINGS: Record<UiLanguage, MenuStrings> = {
  'zh-CN': {
    file: '文件',
    openFolder: '打开申报材料文件夹…',
    openZip: '打开申报材料压缩包…',
    openFiles: '打开文件…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    fullScreen: '切换全屏',
    developerTools: '开发者工具',
    language: '语言',
    window: '窗口',
    minimize: '最小化',
    close: '关闭',
    help: '帮助',
    about: '关于 Dossier Desk 审查工作台',
    aboutDetail: '离线审查工作台：专家评审、发票核查、结果导出。本程序不连接任何网络。',
    zipFilter: 'ZIP 压缩包',
    dossierFilesFilter: '申报材料（PDF、OFD、XML、图片、表格）',
    rendererGoneTitle: '审查工作台页面已停止',
    rendererGoneRepeated: '审查工作台页面在一分钟内多次停止运行（可能是内存不足），因此不再自动重新加载。已保存的审查内容不受影响；请关闭程序后重新打开。',
  },
  en: {
    file: 'File',
    openFolder: 'Open Dossier Folder…',
    openZip: 'Open Dossier Zip…',
    openFiles: 'Open Files…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullScreen: 'Toggle Full Screen',
    developerTools: 'Developer Tools',
    language: 'Language',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close',
    help: 'Help',
    about: 'About Dossier Desk',
    aboutDetail: 'Offline review workstation: panel scoring, invoice audit, bureau export. It never connects to any network.',
    zipFilter: 'Zip archive',
    dossierFilesFilter: 'Dossier files (PDF, OFD, XML, images, spreadsheets)',
    rendererGoneTitle: 'The workstation page stopped',
    rendererGoneRepeated: 'The workstation page stopped several times within a minute (perhaps out of memory), so it is not reloaded again. Your stored review is not affected; close the program and open it again.',
  },
};

/** Names of the languages in their own script, for the language menu. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { 'zh-CN': '中文（简体）', en: 'English' };

/** zh-CN for any Chinese system locale (zh, zh-CN, zh-TW, zh-Hans ...), English otherwise. */
export function languageForLocale(locale: string): UiLanguage {
  return /^zh\b/i.test(locale.trim()) ? 'zh-CN' : 'en';
}

export interface MenuActions {
  openDossier(source: DossierSource): void;
  switchLanguage(language: UiLanguage): void;
  showAbout(): void;
}

export interface MenuOptions {
  language: UiLanguage;
  platform: NodeJS.Platform;
  /** Developer tools are offered only in development builds, never in the packaged app. */
  developerTools: boolean;
}

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = MENU_STRINGS[options.language];
  const isMac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { id: 'open-folder', label: t.openFolder, accelerator: 'CmdOrCtrl+O', click: () => actions.openDossier('folder') },
      { id: 'open-zip', label: t.openZip, accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openDossier('zip') },
      { id: 'open-files', label: t.openFiles, click: () => actions.openDossier('files') },
      { type: 'separator' },
      { id: 'quit', label: t.quit, role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { label: t.reload, role: 'reload' },
      { type: 'separator' },
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: t.fullScreen, role: 'togglefullscreen' },
      ...(options.developerTools ? [{ label: t.developerTools, role: 'toggleDevTools' } as const] : []),
    ],
  };
  const language: MenuItemConstructorOptions = {
    id: 'language',
    label: t.language,
    submenu: (Object.keys(LANGUAGE_NAMES) as UiLanguage[]).map((code) => ({
      id: `language-${code}`,
      label: LANGUAGE_NAMES[code],
      type: 'radio' as const,
      checked: code === options.language,
      click: () => actions.switchLanguage(code),
    })),
  };
  const window: MenuItemConstructorOptions = {
    label: t.window,
    submenu: [
      { label: t.minimize, role: 'minimize' },
      { label: t.close, role: 'close' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: t.help,
    submenu: [{ id: 'about', label: t.about, click: () => actions.showAbout() }],
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: 'Dossier Desk', submenu: [{ id: 'about-mac', label: t.about, click: () => actions.showAbout() }, { type: 'separator' }, { label: t.quit, role: 'quit' }] }]
    : [];
  return [...appMenu, file, edit, view, language, window, help];
}
