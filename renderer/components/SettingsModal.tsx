import { Divider, Modal, NumberInput, SegmentedControl, Stack, Switch, Text, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { GRAPHIC_THRESHOLD } from '../../shared/samples/wellbeing';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';

export function SettingsModal() {
  const opened = useUi((s) => s.modal === 'settings');
  const settings = useSettings();
  const { colorScheme, setColorScheme } = useMantineColorScheme();

  return (
    <Modal opened={opened} onClose={() => useUi.getState().closeModal()} title="Settings" size="md" centered data-testid="settings-modal">
      <Stack gap="md">
        <div>
          <Text size="sm" fw={600} mb={6}>
            Appearance
          </Text>
          <SegmentedControl
            fullWidth
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'Match system' },
            ]}
            data-testid="setting-color-scheme"
          />
        </div>
        <div>
          <Text size="sm" fw={600} mb={6}>
            Samples
          </Text>
          <SegmentedControl
            fullWidth
            value={settings.contentView}
            onChange={(v) => settings.update({ contentView: v === 'plain' ? 'plain' : 'formatted' })}
            data={[
              { value: 'formatted', label: 'Formatted (safe Markdown)' },
              { value: 'plain', label: 'Plain text' },
            ]}
          />
        </div>
        <Divider />
        <Switch
          checked={settings.blurGraphic}
          onChange={(e) => settings.update({ blurGraphic: e.currentTarget.checked })}
          label="Blur likely graphic outputs"
          description={`Outputs that graders score ${GRAPHIC_THRESHOLD} or more for graphic content stay blurred until you reveal them (r).`}
          data-testid="setting-blur"
        />
        <Switch
          checked={settings.breakReminderEnabled}
          onChange={(e) => settings.update({ breakReminderEnabled: e.currentTarget.checked })}
          label="Remind me to take breaks"
          description="A quiet banner; it never interrupts what you are doing."
          data-testid="setting-break"
        />
        <NumberInput
          label="Remind me after (minutes)"
          min={5}
          max={240}
          step={5}
          value={settings.breakReminderMinutes}
          disabled={!settings.breakReminderEnabled}
          onChange={(v) => typeof v === 'number' && v > 0 && settings.update({ breakReminderMinutes: v })}
          w={220}
          data-testid="setting-break-minutes"
        />
        <Text size="xs" c="dimmed">
          Settings are kept on this computer.
        </Text>
      </Stack>
    </Modal>
  );
}
