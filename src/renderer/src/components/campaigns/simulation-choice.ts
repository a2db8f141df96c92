/**
 * The simulation form's value for « the editor's definition » rather than a catalogue campaign; the Campagnes page
 * preselects it when a draft prepared on the home page is in the editor.
 */
export const EDITOR_CHOICE = '__editor__';
