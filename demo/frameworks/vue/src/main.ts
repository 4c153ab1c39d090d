// Vue 3: import the element once (it registers <chat-widget>), and tell Vue's
// template compiler the tag is a custom element (vite.config.ts) so it does not
// try to resolve it as a Vue component.
import '@chat-widget/element';
import { createApp } from 'vue';
import '../../shared/app.css';
import App from './App.vue';

createApp(App).mount('#app');
