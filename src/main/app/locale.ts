import type { CommandLine } from 'electron';

/** The locale of the desktop window: the interface is French only. */
export const APP_LOCALE = 'fr-FR';

/**
 * Chromium switches that make the window French whatever the system's language: `lang` sets the locale the renderer
 * formats with, so date fields read « jj/mm/aaaa » and number fields take a decimal comma. Name and value pairs.
 */
export function localeSwitches(): ReadonlyArray<readonly [name: string, value: string]> {
  return [['lang', APP_LOCALE]];
}

/**
 * Applies `localeSwitches` to Electron's command line. Must run before the app is ready: Chromium reads its locale
 * once, at start-up. (macOS takes the locale from the system's preferred languages and ignores `lang`.)
 */
export function applyAppLocale(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  for (const [name, value] of localeSwitches()) commandLine.appendSwitch(name, value);
}
