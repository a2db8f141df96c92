/**
 * Marks the document as ready: end-to-end tests wait for `html[data-app-ready="true"]` instead of sleeping.
 * Set once the first page shown (home or Données) has loaded its data.
 */
export function markAppReady(): void {
  document.documentElement.dataset.appReady = 'true';
}
