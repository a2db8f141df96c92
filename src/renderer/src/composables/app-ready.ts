/**
 * Marks the document as ready: end-to-end tests wait for `html[data-app-ready="true"]` instead of sleeping.
 * Set once the home page has shown the store for the first time.
 */
export function markAppReady(): void {
  document.documentElement.dataset.appReady = 'true';
}
