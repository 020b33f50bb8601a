import { expect } from '@open-wc/testing';
import { awardDialogStrings } from '../../src/components/award-dialog-strings.js';
import { composerModerationStrings } from '../../src/components/composer-moderation-strings.js';
import { helpQueueStrings } from '../../src/components/help-queue-strings.js';
import { lowBalanceStrings } from '../../src/components/low-balance-strings.js';
import { messageActionsStrings } from '../../src/components/message-actions-strings.js';
import { messageMenuStrings } from '../../src/components/message-menu-strings.js';
import { reportedStrings } from '../../src/components/reported-strings.js';
import { searchStrings } from '../../src/components/search-strings.js';
import { settingsStrings } from '../../src/components/settings-strings.js';
import { defaultStrings as roomStrings } from '../../src/components/strings.js';
import { suggestionStrings } from '../../src/components/suggestion-strings.js';
import { defaultStrings } from '../../src/index.js';

/**
 * The parts loaded after the first paint bring their own texts, yet a host translating the chat
 * still finds every English text in the package's `defaultStrings`.
 */
describe('the package’s defaultStrings', () => {
  it('hold the room’s texts and every part’s, as each part shows them', () => {
    const parts = {
      room: roomStrings,
      awardDialog: awardDialogStrings,
      composerModeration: composerModerationStrings,
      helpQueue: helpQueueStrings,
      lowBalance: lowBalanceStrings,
      messageActions: messageActionsStrings,
      messageMenu: messageMenuStrings,
      reported: reportedStrings,
      search: searchStrings,
      settings: settingsStrings,
      suggestions: suggestionStrings,
    };
    for (const [part, texts] of Object.entries(parts))
      for (const [key, text] of Object.entries(texts))
        expect(defaultStrings, `${part}: ${key}`).to.have.property(key, text);
    expect(defaultStrings.waiting('2 hours')).to.equal('waiting 2 hours');
    expect(defaultStrings.thank('Ana')).to.equal('Thank Ana');
  });
});
