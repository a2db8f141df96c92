import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { ObservatoryIndicators } from '../../shared/types/territory';
import { OBSERVATORY_CSS, observatoryPage } from '../domain/observatory/site-html';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';

/** The DSFR stylesheets the page uses, relative to the package's `dist`: typography, grid, colours, fonts; tables. */
const DSFR_SHEETS = ['core/core.min.css', 'component/table/table.min.css'] as const;

/** Where the DSFR files go in the site, and the site's own stylesheet. */
const DSFR_DIR = 'assets/dsfr';
const OWN_CSS = 'assets/observatoire.css';

/** The installed DSFR package's folder (a dependency of the app: shipped with it, read from disk or the asar archive). */
function dsfrPackageDir(): string {
  return dirname(createRequire(__filename).resolve('@gouvfr/dsfr/package.json'));
}

/** `url(...)` in a stylesheet, its target in group 2. */
const URL_PATTERN = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

/** A relative target of a stylesheet (its query or fragment dropped), or null for a data URI or an absolute address. */
function relativeTarget(target: string): string | null {
  const path = target.split(/[?#]/)[0] ?? '';
  return path === '' || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') ? null : path;
}

/** Relative `url(...)` targets of a stylesheet (fonts, icons), data URIs and absolute addresses left out. */
export function stylesheetUrls(css: string): string[] {
  const urls = new Set<string>();
  for (const match of css.matchAll(URL_PATTERN)) {
    const target = relativeTarget(match[2] ?? '');
    if (target !== null) urls.add(target);
  }
  return [...urls];
}

/** What a site holds: its files, relative to its folder, and their bytes. */
export interface SiteWritten {
  files: string[];
  bytes: number;
}

/**
 * Writes the observatory's static site into `dir` (created `0700`, files `0600` like every export): `index.html`, the
 * DSFR stylesheets it links with every font they reference (copied from the installed package, so the site has no
 * external address and opens from the file system), the DSFR licence, and the site's own stylesheet. The SVG icons
 * the stylesheets reference are inlined as base64 data URIs: an SVG file must name its XML namespace
 * (`http://www.w3.org/2000/svg`, never fetched), and the published files then hold no `http://` text at all.
 * `onStep` reports each step (`assets`, `site`) with files written so far.
 */
export async function writeObservatorySite(
  indicators: ObservatoryIndicators,
  dir: string,
  generatedAt: string,
  onStep: (step: 'assets' | 'site', files: number) => void,
): Promise<SiteWritten> {
  const written: SiteWritten = { files: [], bytes: 0 };
  const put = async (relative: string, content: string | Buffer): Promise<void> => {
    const target = join(dir, ...relative.split('/'));
    await makePrivateDir(dirname(target));
    await writeFile(target, content, { mode: PRIVATE_FILE_MODE });
    written.files.push(relative);
    written.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  };
  const packageDir = dsfrPackageDir();
  const dist = join(packageDir, 'dist');
  onStep('assets', 0);
  const copied = new Set<string>();
  for (const sheet of DSFR_SHEETS) {
    const css = await readFile(join(dist, ...sheet.split('/')), 'utf8');
    const inlined = new Map<string, string>();
    for (const url of stylesheetUrls(css)) {
      // Targets are relative to the stylesheet; the site keeps the package's layout under assets/dsfr.
      const relative = posix.normalize(posix.join(posix.dirname(sheet), url));
      if (relative.startsWith('..')) continue;
      const content = await readFile(join(dist, ...relative.split('/')));
      if (url.endsWith('.svg')) inlined.set(url, `data:image/svg+xml;base64,${content.toString('base64')}`);
      else if (!copied.has(relative)) {
        copied.add(relative);
        await put(`${DSFR_DIR}/${relative}`, content);
      }
    }
    await put(`${DSFR_DIR}/${sheet}`, css.replace(URL_PATTERN, (whole, _quote: string, target: string) => {
      const relative = relativeTarget(target);
      const data = relative === null ? undefined : inlined.get(relative);
      return data === undefined ? whole : `url("${data}")`;
    }));
    onStep('assets', written.files.length);
  }
  await put(`${DSFR_DIR}/LICENSE.md`, await readFile(join(packageDir, 'LICENSE.md')));
  onStep('site', written.files.length);
  await put(OWN_CSS, OBSERVATORY_CSS);
  await put('index.html', observatoryPage(indicators, { dsfr: DSFR_SHEETS.map((sheet) => `${DSFR_DIR}/${sheet}`), own: OWN_CSS }, generatedAt));
  onStep('site', written.files.length);
  return written;
}
