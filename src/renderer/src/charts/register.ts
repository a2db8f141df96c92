import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Registers the chart.js parts the app draws with (tree-shaken: nothing else is bundled), French number formats
 * and no animation (figures appear at once and PNG exports never catch a half-drawn chart).
 */
Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.locale = 'fr-FR';
Chart.defaults.animation = false;
Chart.defaults.font.family = 'Marianne, arial, sans-serif';

/** DSFR palette (blue France, then illustrative colours) for datasets, in order. */
export const CHART_COLOURS = ['#000091', '#e1000f', '#009081', '#c3992a', '#6a6af4', '#a558a0', '#fc5d00', '#417dc4'];
