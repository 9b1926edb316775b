import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One dashboard card: a heading line (title, optional note, optional tools on the right) and its content. */
export function DashCard({
  title,
  note,
  right,
  children,
  testId,
  className,
}: {
  title: ReactNode;
  note?: ReactNode;
  right?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <Paper withBorder radius="md" className={className ? `cc-dash-card ${className}` : 'cc-dash-card'} data-testid={testId}>
      <div className="cc-dash-card-head">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text fw={650} size="sm" className="cc-dash-card-title">
            {title}
          </Text>
          {note && (
            <Text size="xs" c="dimmed" mt={2}>
              {note}
            </Text>
          )}
        </div>
        {right}
      </div>
      <div className="cc-dash-card-body">{children}</div>
    </Paper>
  );
}

/** A quiet placeholder inside a card when a chart has nothing to draw. */
export function EmptyChart({ children, height = 160 }: { children: ReactNode; height?: number }) {
  return (
    <div className="cc-dash-empty" style={{ minHeight: height }}>
      <Text size="sm" c="dimmed" ta="center" maw={360}>
        {children}
      </Text>
    </div>
  );
}
