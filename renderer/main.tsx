import '@mantine/core/styles.css';
import './styles/app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { notifyError } from './stores/notices';
import { theme } from './theme';

// Nothing fails silently: anything thrown outside a handler is shown to the rater.
window.addEventListener('unhandledrejection', (e) => notifyError('Something went wrong', e.reason));
window.addEventListener('error', (e) => notifyError('Something went wrong', e.error ?? e.message));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </StrictMode>,
);
