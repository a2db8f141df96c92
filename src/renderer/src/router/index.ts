import { createRouter, createWebHashHistory, type RouterHistory, type RouteRecordRaw } from 'vue-router';
import HomeView from '@renderer/views/HomeView.vue';
import CampaignsView from '@renderer/views/CampaignsView.vue';
import ChecksView from '@renderer/views/ChecksView.vue';
import DataView from '@renderer/views/DataView.vue';
import StatsView from '@renderer/views/StatsView.vue';
import ExportsView from '@renderer/views/ExportsView.vue';
import MapView from '@renderer/views/MapView.vue';
import AttestationsView from '@renderer/views/AttestationsView.vue';
import DeclarationsView from '@renderer/views/DeclarationsView.vue';
import ObservatoryView from '@renderer/views/ObservatoryView.vue';
import AboutView from '@renderer/views/AboutView.vue';
import HelpView from '@renderer/views/HelpView.vue';
import SettingsView from '@renderer/views/SettingsView.vue';
import type { MessageKey } from '@renderer/i18n/messages';
import { HELP_PATH } from './help';

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page name, used in the window title. */
    titleKey?: MessageKey;
  }
}


/** Every page of the main navigation, in menu order; an unknown address leads home. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { titleKey: 'nav.home' } },
  { path: '/donnees', name: 'data', component: DataView, meta: { titleKey: 'nav.data' } },
  { path: '/campagnes', name: 'campaigns', component: CampaignsView, meta: { titleKey: 'nav.campaigns' } },
  { path: '/controles', name: 'checks', component: ChecksView, meta: { titleKey: 'nav.checks' } },
  { path: '/statistiques', name: 'statistics', component: StatsView, meta: { titleKey: 'nav.statistics' } },
  { path: '/carte', name: 'map', component: MapView, meta: { titleKey: 'nav.map' } },
  { path: '/exports', name: 'exports', component: ExportsView, meta: { titleKey: 'nav.exports' } },
  { path: '/attestations', name: 'attestations', component: AttestationsView, meta: { titleKey: 'nav.attestations' } },
  { path: '/declarations', name: 'declarations', component: DeclarationsView, meta: { titleKey: 'nav.declarations' } },
  { path: '/observatoire', name: 'observatory', component: ObservatoryView, meta: { titleKey: 'nav.observatory' } },
  // Linked from the footer and the home page, not the menu: the store's internals are not a daily task.
  { path: '/a-propos', name: 'about', component: AboutView, meta: { titleKey: 'nav.about' } },
  // Linked from the header, the footer and wherever a page needs more than one line of explanation.
  { path: HELP_PATH, name: 'help', component: HelpView, meta: { titleKey: 'nav.help' } },
  // Linked from the header beside the help: set once per computer, not a daily task.
  { path: '/parametres', name: 'settings', component: SettingsView, meta: { titleKey: 'nav.settings' } },
  { path: '/:unknown(.*)*', redirect: '/' },
];

/**
 * Hash history by default: the app is served from `app://` in Electron and from the loopback bridge in browser
 * mode, and neither serves index.html for deep paths. Tests pass a memory history. An address with a section
 * (`#/aide#controles`) opens scrolled to it; in-app navigation also moves the focus there (App.vue).
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({
    history,
    routes,
    scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : false),
  });
}
