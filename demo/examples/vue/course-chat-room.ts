import 'course-chat/define';
import { defineComponent, onMounted, ref, type PropType } from 'vue';
import type { CourseChat, CourseChatAnalyticsEvent, CourseChatNavigateEvent } from 'course-chat';

/** A course page's chat, as a Vue host embeds it: the element, its token source and its events. */
export const CourseChatRoom = defineComponent({
  props: {
    courseId: { type: String, required: true },
    getAuthToken: { type: Function as PropType<() => Promise<string>>, required: true },
  },
  setup(props) {
    const chat = ref<CourseChat | null>(null);
    const events = ref<string[]>([]);
    // Mounted hooks run before the element's first update, so its first request already has the token.
    onMounted(() => {
      if (chat.value) chat.value.getAuthToken = props.getAuthToken;
    });
    return {
      chat,
      events,
      onNavigate(event: CourseChatNavigateEvent) {
        // This page has no course, Summon or profile pages; a real app hands event.href to its router here.
        event.preventDefault();
        events.value.push(`navigate: ${event.destination} ${event.href}${event.userId ? ` (${event.userId})` : ''}`);
      },
      onAnalytics(event: CourseChatAnalyticsEvent) {
        events.value.push(`analytics: ${event.name}`);
      },
    };
  },
  template: `
    <main class="host">
      <course-chat
        ref="chat"
        :course-id="courseId"
        :back-href="'/courses/' + courseId"
        help-href="/summon"
        profile-href="/users/{id}"
        st-profile-href="/student-teachers/{id}"
        @course-chat-navigate="onNavigate"
        @course-chat-analytics="onAnalytics"
      ></course-chat>
      <section class="events" aria-labelledby="events-title">
        <h2 id="events-title">Events Vue received</h2>
        <ol>
          <li v-for="(text, index) in events" :key="index">{{ text }}</li>
        </ol>
      </section>
    </main>
  `,
});
