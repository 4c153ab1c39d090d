// Svelte 5: import the element once (it registers <chat-widget>) and use it.
import '@chat-widget/element';
import { mount } from 'svelte';
import '../../shared/app.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
