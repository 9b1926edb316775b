import { Kbd, type KbdProps } from '@mantine/core';
import { keyCapName, keyLabel } from '../lib/keys';

/**
 * A key cap in the cheat sheets. Key caps use the bundled Atkinson Hyperlegible Mono (app.css),
 * which draws l, 1, I, O and 0 apart; a cap whose glyph has a look-alike also says which it is, in
 * its tooltip and to a screen reader ("lowercase letter L").
 */
export function KeyCap({ chord, ...props }: { chord: string } & Omit<KbdProps, 'children'>) {
  const name = keyCapName(chord);
  return (
    <Kbd {...props} title={name} aria-label={name} data-key={chord}>
      {keyLabel(chord)}
    </Kbd>
  );
}
