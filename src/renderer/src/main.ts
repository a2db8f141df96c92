// Styles come from node_modules and are bundled with their fonts and icons: the app never fetches anything remote.
import '@gouvfr/dsfr/dist/dsfr.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons.min.css';
import '@gouvminint/vue-dsfr/styles';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { config as configureZod } from 'zod';
import { connectApi } from '@renderer/api';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';
import App from './App.vue';

// Zod otherwise probes `new Function` to compile schemas, which the CSP (no 'unsafe-eval') refuses with a
// console error on every start: interpreted parsing is fast enough for IPC payloads.
configureZod({ jitless: true });

// Before the router reads the address: in browser mode the launch token is in the hash, and connectApi() removes it.
setApi(connectApi());

createApp(App).use(createPinia()).use(createAppI18n()).use(createAppRouter()).mount('#app');
