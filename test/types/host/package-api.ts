// The package's named exports, as a host's own code uses them.
import { CourseChat, CourseChatAnalyticsEvent, CourseChatNavigateEvent, defaultStrings } from 'course-chat';
import type { CourseChatStrings } from 'course-chat';

const german: Partial<CourseChatStrings> = { back: 'Zurück zum Kurs', online: (n) => `${n} online` };
console.log(defaultStrings.back, german);

function isChat(node: Element): node is CourseChat {
  return node instanceof CourseChat;
}
console.log(isChat(document.body));

const asked = new CourseChatAnalyticsEvent({ name: 'question_asked', data: { course_id: 'linear-algebra-101' } });
const courseId: string = asked.data.course_id;
console.log(courseId, CourseChatAnalyticsEvent.eventName);
// @ts-expect-error page_view's data names the user's role
new CourseChatAnalyticsEvent({ name: 'page_view', data: { course_id: 'linear-algebra-101' } });

document.addEventListener('course-chat-navigate', (event) => {
  if (event instanceof CourseChatNavigateEvent) console.log(event.href, event.userId);
});
