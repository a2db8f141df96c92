import { describe, expect, it } from 'vitest';
import { canvasText, pngBase64, wrapText } from './map-png';

describe('wrapText', () => {
  const measure = (text: string): number => text.length;

  it('cuts between words within the width', () => {
    expect(wrapText('Flux et lieux de moins de 6 trajets masqués', 16, measure)).toEqual(['Flux et lieux de', 'moins de 6', 'trajets masqués']);
  });

  it('keeps a word longer than the width whole', () => {
    expect(wrapText('Saint-Sébastien-sur-Loire', 10, measure)).toEqual(['Saint-Sébastien-sur-Loire']);
    expect(wrapText('  ', 10, measure)).toEqual([]);
  });
});

describe('pngBase64', () => {
  it('strips the data URL prefix', () => {
    expect(pngBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
  });
});

describe('canvasText', () => {
  it('prints French digit groups with a space the font has', () => {
    expect(canvasText('1\u202f047 trajets')).toBe('1\u00a0047 trajets');
  });
});
