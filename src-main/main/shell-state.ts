// The shell's small memory between runs: window bounds and the menu language, one JSON file in
// userData. Read defensively (every part validated on its own, a broken file means defaults) and
// written atomically.
import { z } from 'zod';
import { UI_LANGUAGES, type UiLanguage } from '../shared/contract';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export interface ShellState {
  window: WindowState | null;
  language: UiLanguage | null;
}

export const DEFAULT_WINDOW_SIZE = { width: 1440, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 1024, height: 680 } as const;
/** How much of the window (its top band with the title bar) must lie on a display to count as visible. */
const MIN_VISIBLE = { width: 160, height: 48 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: extent, height: extent }),
  maximized: z.boolean(),
});
const languageSchema = z.enum(UI_LANGUAGES as [UiLanguage, ...UiLanguage[]]);

/** Parses the state file's text; anything missing or malformed becomes null, part by part. */
export function parseShellState(text: string | null): ShellState {
  const empty: ShellState = { window: null, language: null };
  if (text === null) return empty;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return empty;
  }
  if (typeof raw !== 'object' || raw === null) return empty;
  const record = raw as Record<string, unknown>;
  const window = windowStateSchema.safeParse(record.window);
  const language = languageSchema.safeParse(record.language);
  return { window: window.success ? window.data : null, language: language.success ? language.data : null };
}

export function serializeShellState(state: ShellState): string {
  return `${JSON.stringify({ window: state.window, language: state.language }, null, 2)}\n`;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function centered(size: { width: number; height: number }, area: Rectangle): Rectangle {
  return {
    x: area.x + Math.floor((area.width - size.width) / 2),
    y: area.y + Math.floor((area.height - size.height) / 2),
    width: size.width,
    height: size.height,
  };
}

/**
 * Where the window opens: the remembered bounds when their title band is visible on one of the
 * displays, sized to fit that display's work area; otherwise the remembered (or default) size,
 * fitted and centred on the primary display. Displays are given as work areas, primary first.
 */
export function placeWindow(remembered: WindowState | null, workAreas: Rectangle[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height };
  const fit = (size: { width: number; height: number }, area: Rectangle) => ({
    width: Math.max(Math.min(size.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(size.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  });
  if (remembered) {
    const titleBand = { ...remembered.bounds, height: Math.min(remembered.bounds.height, MIN_VISIBLE.height) };
    const host = workAreas.find((area) => {
      const shared = overlap(titleBand, area);
      return shared.width >= MIN_VISIBLE.width && shared.height >= Math.min(MIN_VISIBLE.height, titleBand.height);
    });
    if (host) {
      const size = fit(remembered.bounds, host);
      const x = Math.min(Math.max(remembered.bounds.x, host.x), host.x + host.width - size.width);
      const y = Math.min(Math.max(remembered.bounds.y, host.y), host.y + host.height - size.height);
      return { bounds: { x, y, ...size }, maximized: remembered.maximized };
    }
    return { bounds: centered(fit(remembered.bounds, primary), primary), maximized: remembered.maximized };
  }
  return { bounds: centered(fit(DEFAULT_WINDOW_SIZE, primary), primary), maximized: false };
}
