import { shell } from 'electron';
import { confirmExternalLink } from './dialogs';
import { externalUrlDecision } from './external-url-policy';

/** True for URLs the app may hand to the operating system at all: https only, no credentials (`externalUrlDecision`). */
export function isSafeExternalUrl(url: string): boolean {
  return externalUrlDecision(url).action !== 'refuse';
}

/**
 * The one way to open a link outside the app (lint forbids `shell.openExternal` elsewhere). State sites over https
 * open at once; any other https site only once the user has confirmed in a dialog naming its host; plain http,
 * `file:`, `javascript:`, custom schemes that launch programs and URLs with credentials never
 * (`externalUrlDecision`). Answers whether the link was opened.
 */
export async function safeOpenExternal(url: string): Promise<boolean> {
  const decision = externalUrlDecision(url);
  if (decision.action === 'refuse') {
    console.warn(`Lien externe refusé (${decision.reason}) : ${url.slice(0, 200)}`);
    return false;
  }
  if (decision.action === 'ask' && !(await confirmExternalLink(decision.host, decision.url))) return false;
  await shell.openExternal(decision.url);
  return true;
}
