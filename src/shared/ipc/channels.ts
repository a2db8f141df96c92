/**
 * Names of every request channel and push event of the renderer ↔ main contract.
 *
 * Kept free of zod so that the sandboxed preload can allowlist channels without bundling the schemas.
 * `contract.ts` is checked against these lists at compile time.
 */
export const CHANNELS = [
  'app:info',
  'store:info',
  'store:disk-encryption',
  'settings:list',
  'settings:set',
  'settings:store-get',
  'settings:store-test',
  'settings:store-save',
  'settings:agent-get',
  'settings:agent-save',
  'jobs:list',
  'jobs:cancel',
  'demo:start',
  'audit:verify',
  'audit:key-state',
  'audit:key-export',
  'audit:key-import',
  'extracts:import',
  'extracts:pick-files',
  'extracts:sync-log',
  'extracts:coverage',
  'extracts:operators',
  'extracts:rejected',
  'extracts:rejected-reasons',
  'extracts:rejected-export',
  'aom:import',
  'aom:summary',
  'stats:query',
  'stats:territories',
  'stats:period',
  'stats:refresh',
  'exports:stats',
  'exports:trips',
  'exports:apdf-campaigns',
  'exports:apdf',
  'exports:list',
  'exports:open-folder',
  'campaigns:catalogue',
  'campaigns:definition',
  'campaigns:validate',
  'campaigns:preview',
  'simulations:start',
  'simulations:list',
  'simulations:result',
  'simulations:explain',
  'checks:scan',
  'checks:summary',
  'checks:flags',
  'checks:queue',
  'checks:journey',
  'checks:person',
  'checks:decide',
  'checks:exclusions',
  'checks:parameters',
  'checks:save-parameters',
  'exports:cases',
  'map:flows',
  'map:export',
  'map:export-png',
  'map:shapes',
  'map:contours',
  'map:contours-import',
  'territory:search',
  'territory:summary',
  'territory:report',
  'campaigns:comparable',
  'campaigns:draft',
  'simulations:preflight',
  'observatory:indicators',
  'observatory:publish',
  'attestations:create',
  'attestations:verify',
  'attestations:register',
  'attestations:register-export',
  'attestations:batch',
  'declarations:template',
  'declarations:import',
  'declarations:add',
  'declarations:batches',
  'declarations:report',
  'declarations:report-export',
  'declarations:trips',
  'declarations:count',
] as const;

export const EVENTS = ['job:progress', 'job:done', 'data:changed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNELS);
const eventSet: ReadonlySet<string> = new Set(EVENTS);

/** True when `name` is a declared request channel (used by the preload and both transports). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && channelSet.has(name);
}

/** True when `name` is a declared push event. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
