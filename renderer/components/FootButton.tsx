import { Button } from '@mantine/core';

/** A quiet action under a form's main button, with its hotkey shown (label and adjudication screens). */
export function FootButton({ label, hotkey, onClick, testId }: { label: string; hotkey: string; onClick: () => void; testId: string }) {
  return (
    <Button
      variant="subtle"
      color="gray"
      size="compact-sm"
      onClick={(e) => {
        // Leave focus on the page, not the button, so Enter keeps meaning "submit".
        e.currentTarget.blur();
        onClick();
      }}
      data-testid={testId}
      aria-keyshortcuts={hotkey}
      styles={{ label: { fontWeight: 500 } }}
    >
      {label}
      <span className="cc-kbd-inline" aria-hidden="true">
        {hotkey}
      </span>
    </Button>
  );
}
