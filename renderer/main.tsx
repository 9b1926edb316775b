import '@mantine/core/styles.css';
// The key caps' font, from the app's own files (the CSP allows no font origin but the app).
import '@fontsource/atkinson-hyperlegible-mono/latin-600.css';
import './styles/app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { notifyError } from './stores/notices';
import { trackScreenFocus } from './lib/dialogFocus';
import { theme } from './theme';

// Nothing fails silently: anything thrown outside a handler is shown to the rater.
window.addEventListener('unhandledrejection', (e) => notifyError('Something went wrong', e.reason));
window.addEventListener('error', (e) => {
  // Chromium reports a layout that settles over two frames (menus and pills resizing) as this
  // "error"; the spec says it is benign and nothing is lost, so the rater is not alarmed by it.
  if (typeof e.message === 'string' && e.message.startsWith('ResizeObserver loop')) return;
  notifyError('Something went wrong', e.error ?? e.message);
});

trackScreenFocus();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </StrictMode>,
);
