import type { ContentWarning } from '../../shared/samples/wellbeing';
import { IconEyeOff } from '../components/icons';
import { useSettings } from '../stores/settings';
import { SafeText } from './SafeText';

/**
 * A one-line preview of a model output (queue rows, search results). What the label screen blurs is
 * never shown here in clear: with a content warning (and the rater's blur setting on) the preview's
 * text is left out of the page altogether, and the row says why.
 */
export function OutputPreview({ text, warning }: { text: string; warning: ContentWarning | null }) {
  const blur = useSettings((s) => s.blurGraphic);
  if (warning && blur) {
    return (
      <span className="cc-preview-warned" data-testid="preview-warned">
        <IconEyeOff size={13} />
        Content warning: likely graphic · open the item to read it
      </span>
    );
  }
  return <SafeText text={text.replace(/\s+/g, ' ').slice(0, 200)} />;
}
