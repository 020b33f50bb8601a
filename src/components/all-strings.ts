import { awardDialogStrings } from './award-dialog-strings.js';
import { composerModerationStrings } from './composer-moderation-strings.js';
import { composerStrings } from './composer-strings.js';
import { helpQueueStrings } from './help-queue-strings.js';
import { lowBalanceStrings } from './low-balance-strings.js';
import { messageActionsStrings } from './message-actions-strings.js';
import { messageMenuStrings } from './message-menu-strings.js';
import { reportedStrings } from './reported-strings.js';
import { searchStrings } from './search-strings.js';
import { settingsStrings } from './settings-strings.js';
import { defaultStrings, type CourseChatStrings } from './strings.js';
import { suggestionStrings } from './suggestion-strings.js';

/**
 * Every English text: the room's own and those each part brings as it loads. The package exports
 * it as `defaultStrings`, for a host to translate from; the element itself never imports it, so
 * the parts' texts stay out of its first download. A part with texts of its own adds them here.
 */
export const allStrings = {
  ...defaultStrings,
  ...awardDialogStrings,
  ...composerModerationStrings,
  ...composerStrings,
  ...helpQueueStrings,
  ...lowBalanceStrings,
  ...messageActionsStrings,
  ...messageMenuStrings,
  ...reportedStrings,
  ...searchStrings,
  ...settingsStrings,
  ...suggestionStrings,
} satisfies CourseChatStrings;
