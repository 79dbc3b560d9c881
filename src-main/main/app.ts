// The desktop shell, assembled from its parts. Every Electron object arrives as a parameter so that
// tests drive the whole start-up with fakes; src-main/main/index.ts passes the real ones.
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Protocol, Screen } from 'electron';
import { CLOSE_HOLD_MS, HOST_EVENTS, type AppInfo, type MenuCommand, type UiLanguage } from '../shared/contract';
import type { FileSystem } from './files';
import { blockNetwork, denyPermissions, guardWebContents, type GuardableContents, type HardenableSession } from './hardening';
import { createAuditHeadKeeper, type AuditHeadFile } from './audit-heads';
import { createHostHandlers } from './host-handlers';
import type { SideFileKeeper } from './side-files';
import { registerHostHandlers } from './ipc';
import type { Logger } from './log';
import { buildMenuTemplate, languageForLocale, MENU_STRINGS } from './menu';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, type ProtocolFileSystem } from './protocol';
import { parseShellState, placeWindow, serializeShellState, type ShellState } from './shell-state';
import { createMainWindow, type BrowserWindowConstructor } from './window';

export interface ShellDeps {
  app: Pick<
    App,
    'requestSingleInstanceLock' | 'quit' | 'whenReady' | 'on' | 'getLocale' | 'getName' | 'getVersion' | 'enableSandbox' | 'isPackaged'
  >;
  BrowserWindow: BrowserWindowConstructor;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  defaultSession(): HardenableSession;
  ipcMain: Pick<IpcMain, 'handle'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  screen(): Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  fs: FileSystem & ProtocolFileSystem;
  /** Reads and atomically replaces the shell state file (window bounds, language) in userData. */
  stateFile: { read(): string | null; write(text: string): void };
  /** The audit-chain heads kept outside the renderer's store (audit-heads.json in userData). */
  auditHeadFile: AuditHeadFile;
  /** The side files kept outside the renderer's store (userData/side-files, src-main/main/side-files). */
  sideFiles: SideFileKeeper;
  paths: { renderer: string; preload: string; documents(): string };
  versions: Partial<Record<string, string>>;
  platform: NodeJS.Platform;
  log: Logger;
  /** Milliseconds since the epoch (to count renderer reloads). */
  now(): number;
}

export interface RunningShell {
  window: BrowserWindow;
  language(): UiLanguage;
  switchLanguage(language: UiLanguage): void;
}

export function appInfo(deps: Pick<ShellDeps, 'app' | 'versions'>): AppInfo {
  const version = deps.app.getVersion();
  const versions: Record<string, string> = { app: version, engine: version };
  for (const key of ['electron', 'chrome', 'node', 'v8'] as const) {
    const value = deps.versions[key];
    if (value) versions[key] = value;
  }
  return { name: deps.app.getName(), version, mode: 'desktop', versions };
}

/** How many times a dead renderer is reloaded within RENDERER_RELOAD_WINDOW_MS before the shell gives up. */
export const RENDERER_RELOADS = 3;
export const RENDERER_RELOAD_WINDOW_MS = 60_000;

/** The app page loaded again after its renderer was gone, saying why (the page shows a notice). */
export function recoveredUrl(reason: string): string {
  return `${APP_ORIGIN}/index.html?recovered=${encodeURIComponent(reason)}`;
}

/** Starts the shell; resolves to null when another instance already runs (this one then quits). */
export async function runShell(deps: ShellDeps): Promise<RunningShell | null> {
  const { app, log } = deps;
  if (!app.requestSingleInstanceLock()) {
    log.info('app', 'another instance is running; handing over to it');
    app.quit();
    return null;
  }
  app.enableSandbox();
  deps.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  let mainWindow: BrowserWindow | null = null;
  // Every session gets the air gap and the permission denial, the default one and any created later.
  const hardened = new WeakSet<HardenableSession>();
  const hardenSession = (session: HardenableSession) => {
    if (hardened.has(session)) return;
    hardened.add(session);
    blockNetwork(session, log);
    denyPermissions(session, log);
  };
  app.on('session-created', (session: HardenableSession) => hardenSession(session));
  app.on('web-contents-created', (_event, contents: GuardableContents) => guardWebContents(contents, log));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  hardenSession(deps.defaultSession());
  deps.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: deps.paths.renderer, fs: deps.fs, log }));

  const state: ShellState = parseShellState(deps.stateFile.read());
  let language: UiLanguage = state.language ?? languageForLocale(app.getLocale());
  const saveState = () => {
    try {
      deps.stateFile.write(serializeShellState(state));
    } catch (error) {
      log.warn('state', `the window state could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const send = (command: MenuCommand) => mainWindow?.webContents.send(HOST_EVENTS.onMenuCommand, command);
  const showAbout = () => {
    const info = appInfo(deps);
    const options = {
      type: 'info' as const,
      title: MENU_STRINGS[language].about,
      message: `${info.name} ${info.version}`,
      detail: `${MENU_STRINGS[language].aboutDetail}\n\n${Object.entries(info.versions)
        .map(([key, value]) => `${key} ${value}`)
        .join('\n')}`,
    };
    void (mainWindow ? deps.dialog.showMessageBox(mainWindow, options) : deps.dialog.showMessageBox(options));
  };
  const installMenu = () => {
    const template = buildMenuTemplate(
      { language, platform: deps.platform, developerTools: !app.isPackaged },
      {
        openDossier: (source) => send({ type: 'open-dossier', source }),
        switchLanguage: (next) => {
          applyLanguage(next);
          send({ type: 'language-changed', language: next });
        },
        showAbout,
      },
    );
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
  };
  const applyLanguage = (next: UiLanguage) => {
    language = next;
    state.language = next;
    saveState();
    installMenu();
  };

  // Set once the window exists: the renderer stored its queued edits, the held close goes ahead.
  let letWindowClose = () => undefined as void;
  registerHostHandlers(
    deps.ipcMain,
    createHostHandlers({
      dialog: deps.dialog,
      parentWindow: () => mainWindow,
      fs: deps.fs,
      appInfo: () => appInfo(deps),
      setLanguage: applyLanguage,
      strings: () => MENU_STRINGS[language],
      defaultSaveFolder: deps.paths.documents,
      auditHeads: createAuditHeadKeeper(deps.auditHeadFile),
      sideFiles: deps.sideFiles,
      readyToClose: () => letWindowClose(),
      log,
    }),
    (webContentsId) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === webContentsId,
    log,
  );
  installMenu();

  const screen = deps.screen();
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const placement = placeWindow(state.window, workAreas);
  const window = createMainWindow(
    deps.BrowserWindow,
    deps.paths.preload,
    placement.bounds,
    'Dossier Desk 审查工作台',
    !app.isPackaged,
  );
  mainWindow = window;
  // A close is held until the renderer has stored the edits it shows (it answers readyToClose), at
  // most CLOSE_HOLD_MS: closing in between would lose an edit the screen showed, a sign-off included.
  let closeAllowed = false;
  let closeHold: ReturnType<typeof setTimeout> | null = null;
  letWindowClose = () => {
    if (closeAllowed) return;
    closeAllowed = true;
    if (closeHold) clearTimeout(closeHold);
    if (!window.isDestroyed()) window.close();
  };
  window.on('close', (event) => {
    state.window = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    saveState();
    if (closeAllowed) return;
    event.preventDefault();
    if (closeHold) return;
    window.webContents.send(HOST_EVENTS.onCloseRequested, null);
    closeHold = setTimeout(() => {
      log.warn('window', `the renderer did not report its edits stored within ${CLOSE_HOLD_MS / 1000} s; closing anyway`);
      letWindowClose();
    }, CLOSE_HOLD_MS);
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  window.webContents.on('did-fail-load', (_event, code, description, url) => {
    log.error('window', `the app page did not load (${code} ${description}): ${url}`);
  });
  // A renderer that crashed or ran out of memory leaves a dead page: it is loaded again, telling the
  // page why (it shows a notice); the reviewer's work is in its store (IndexedDB, strict durability)
  // and the UI state too, so nothing confirmed is lost. A renderer that keeps dying is not reloaded
  // in a loop: after RENDERER_RELOADS within RENDERER_RELOAD_WINDOW_MS the shell says so and stops.
  const reloads: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('window', `the renderer process is gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = deps.now();
    while (reloads.length > 0 && now - reloads[0]! > RENDERER_RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= RENDERER_RELOADS) {
      log.error('window', `the renderer died ${reloads.length + 1} times within ${RENDERER_RELOAD_WINDOW_MS / 1000} s; not reloading it again`);
      void deps.dialog.showMessageBox(window, { type: 'error', title: MENU_STRINGS[language].rendererGoneTitle, message: MENU_STRINGS[language].rendererGoneRepeated });
      return;
    }
    reloads.push(now);
    log.info('window', 'reloading the app page after its renderer was gone');
    window.loadURL(recoveredUrl(details.reason)).catch((error: unknown) => {
      log.error('window', `the app page could not be reloaded: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  log.info('app', `started ${app.getName()} ${app.getVersion()} in ${language}`);

  return { window, language: () => language, switchLanguage: (next) => applyLanguage(next) };
}
