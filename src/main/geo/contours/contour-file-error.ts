/**
 * A contour file that cannot be imported. The message, in French, names the file and, when known, the layer,
 * feature and field at fault; nothing of the file is stored.
 */
export class ContourFileError extends Error {
  override name = 'ContourFileError';
}
