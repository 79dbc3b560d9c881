export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(area: string, message: string): void;
  warn(area: string, message: string): void;
  error(area: string, message: string): void;
}

/** A logger writing one timestamped line per event to every sink (stderr, the log file in userData). */
export function createLogger(sinks: ((line: string) => void)[], now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, area: string, message: string) => {
    const line = `${now().toISOString()} ${level.toUpperCase()} [${area}] ${message.replace(/[\r\n]+/g, ' ')}`;
    for (const sink of sinks) {
      try {
        sink(line);
      } catch {
        // A failing sink (disk full, closed stderr) must not take the shell down; the other sinks still write.
      }
    }
  };
  return {
    info: (area, message) => write('info', area, message),
    warn: (area, message) => write('warn', area, message),
    error: (area, message) => write('error', area, message),
  };
}
