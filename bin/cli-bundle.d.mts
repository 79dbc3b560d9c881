export declare const ENTRY_POINTS: Record<string, string>;
export declare function defaultCacheDir(root?: string): string;
export declare function cliEntry(options?: { root?: string; dir?: string }): Promise<string | null>;
export declare function startCli(): Promise<void>;
