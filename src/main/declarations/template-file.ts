import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { declarationTemplate } from '../domain/declarations/declaration-format';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../platform/private-files';

/** The template's bytes as written: UTF-8 with a byte-order mark, so that Excel reads the accents of the headers. */
export function declarationTemplateText(): string {
  return `\uFEFF${declarationTemplate()}`;
}

/** Writes the declared-trip template to `path` (replacing it), `0600`, creating its folder when missing. */
export async function writeDeclarationTemplate(path: string): Promise<void> {
  await makePrivateDir(dirname(path));
  await writeFile(path, declarationTemplateText(), { mode: PRIVATE_FILE_MODE });
}
