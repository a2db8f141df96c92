// Styles come from node_modules and are bundled with their fonts and icons: the app never fetches anything remote.
import '@gouvfr/dsfr/dist/dsfr.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons.min.css';
import '@gouvminint/vue-dsfr/styles';
import './styles/layout.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { config as configureZod } from 'zod';
import { connectApi } from '@renderer/api';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';
import { useAccessStore } from '@renderer/stores/access-store';
import App from './App.vue';

// Zod otherwise probes `new Function` to compile schemas, which the CSP (no 'unsafe-eval') refuses with a
// console error on every start: interpreted parsing is fast enough for IPC payloads.
configureZod({ jitless: true });

const pinia = createPinia();
// Before the router reads the address: in browser mode the launch token is in the hash, and connectApi() removes it.
// A token the server refuses, now or after it was launched again, leaves the page with one message saying what to do.
setApi(connectApi(() => useAccessStore(pinia).deny()));

createApp(App).use(pinia).use(createAppI18n()).use(createAppRouter()).mount('#app');
