/**
 * The texts of the Low Balance prompt (course-chat-low-balance.ts). They travel with its chunk
 * rather than in the first download; a host words them through `<course-chat>`'s `strings` like
 * every other text.
 */
export interface LowBalanceStrings {
  /** "Running low on points? ...": a classmate's question is waiting. */
  lowBalance: string;
  /** "Help Ana": shows the oldest question waiting that Ana (not the user) asked. */
  helpAsker: (name: string) => string;
  /** "Running low on points? ...": no classmate's question is waiting, only the user's own if any. */
  lowBalanceNone: string;
}

export const lowBalanceStrings: LowBalanceStrings = {
  lowBalance: 'Running low on points? Answer a pending question to earn more from grateful classmates.',
  helpAsker: (name) => `Help ${name}`,
  lowBalanceNone: 'Running low on points? Answer the next question a classmate asks to earn more.',
};
