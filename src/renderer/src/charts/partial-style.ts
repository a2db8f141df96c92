/** Side of the hatching tile, in canvas pixels. */
const TILE = 8;

const patterns = new Map<string, CanvasPattern | string>();

/**
 * Fill of a bar that stands for a partial step (a week or month the period or the data cut): diagonal stripes of
 * the series colour over a pale tint of it, so that it reads apart from whole steps in colour and in grey print
 * alike. One pattern per colour, made once. Where the browser gives no 2D canvas (component tests), the colour at
 * 40 % opacity. `colour` is a `#rrggbb` colour.
 */
export function hatchedFill(colour: string): CanvasPattern | string {
  const known = patterns.get(colour);
  if (known) return known;
  const tile = document.createElement('canvas');
  tile.width = TILE;
  tile.height = TILE;
  const context = tile.getContext('2d');
  let fill: CanvasPattern | string = `${colour}66`;
  if (context) {
    context.fillStyle = `${colour}33`;
    context.fillRect(0, 0, TILE, TILE);
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    // One diagonal across the tile and the two corner pieces that continue it over the next tiles.
    context.moveTo(0, TILE);
    context.lineTo(TILE, 0);
    context.moveTo(-1, 1);
    context.lineTo(1, -1);
    context.moveTo(TILE - 1, TILE + 1);
    context.lineTo(TILE + 1, TILE - 1);
    context.stroke();
    fill = context.createPattern(tile, 'repeat') ?? fill;
  }
  patterns.set(colour, fill);
  return fill;
}

/** Dash of a line segment that reaches a partial step, in canvas pixels (drawn, gap). */
export const PARTIAL_DASH = [6, 4];
