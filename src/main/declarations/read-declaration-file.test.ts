import { describe, expect, it } from 'vitest';
import { DeclarationFileError, readDeclarationFile, readDeclarationText } from './read-declaration-file';

const HEADER = 'date;heure de départ;commune de départ (INSEE);commune d’arrivée (INSEE);rôle (conducteur|passager);places;identifiant du déclarant;commentaire';

describe('reading a declared-trip file', () => {
  it('numbers journeys by their line in the file, past comments, empty lines and quoted cells spanning lines', () => {
    const text = `\uFEFF${HEADER}\r\n# note\r\n16/04/2024;08:00;95051;95127;conducteur;1;a;"deux\r\nlignes"\r\n\r\n17/04/2024;08:00;95051;95127;passager;1;b;\r\n`;
    expect(readDeclarationText(text).map((line) => [line.line, line.cells.declarant, line.cells.comment, line.cells.distance])).toEqual([
      [3, 'a', 'deux\r\nlignes', undefined],
      [6, 'b', '', undefined],
    ]);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, and commas when the header is written with them', () => {
    const latin1 = Buffer.from(`${HEADER.replace(/;/g, ',').replace(/’/g, "'")}\r\n16/04/2024,08:00,95051,95127,conducteur,1,agent-é,\r\n`, 'latin1');
    expect(readDeclarationFile(latin1)[0]?.cells).toMatchObject({ declarant: 'agent-é', role: 'conducteur' });
  });

  it('refuses an empty file or one without the required columns', () => {
    expect(() => readDeclarationText('\r\n# rien\r\n')).toThrow(DeclarationFileError);
    expect(() => readDeclarationText('date;places\r\n')).toThrow(/Colonnes obligatoires absentes/);
  });
});
