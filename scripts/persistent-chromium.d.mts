import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';

export interface PersistentBrowser {
  profile: string;
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

export declare const CHROMIUM_PATH: string;
export declare function launchOnProfile(profile: string, options?: { logFile?: string; allowNetwork?: boolean }): Promise<PersistentBrowser>;
export declare function killHard(running: Pick<PersistentBrowser, 'profile' | 'process'>): Promise<void>;
export declare function openSampleAsNamedReviewer(page: Page, baseUrl: string): Promise<void>;
