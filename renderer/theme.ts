import { createTheme, Modal } from '@mantine/core';
import { returnFocusToScreen } from './lib/dialogFocus';

// One calm accent (indigo), soft radii, system fonts (only the key caps' font is bundled, in main.tsx;
// nothing is loaded from anywhere else).
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 4 },
  defaultRadius: 'md',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Ubuntu, Cantarell, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // A closing modal gives the focus back to the screen, never to the button that opened it (where
    // the next Enter would open it again): see lib/dialogFocus. A modal that sets its own
    // transitionProps must keep this onExit.
    Modal: Modal.extend({
      defaultProps: { returnFocus: false, transitionProps: { duration: 200, transition: 'fade-down', onExit: returnFocusToScreen } },
    }),
  },
});
