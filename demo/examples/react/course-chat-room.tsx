import 'course-chat/define';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CourseChat } from 'course-chat';
// The tag's attributes, properties and events in TSX, as the package declares them for React 19.
import type {} from 'course-chat/react';

interface Props {
  courseId: string;
  getAuthToken: () => Promise<string>;
}

/** A course page's chat, as a React host embeds it: the element, its token source and its events. */
export function CourseChatRoom({ courseId, getAuthToken }: Props) {
  const chat = useRef<CourseChat>(null);
  const [events, setEvents] = useState<string[]>([]);

  // A layout effect runs before the element's first update, so its first request already has the token.
  useLayoutEffect(() => {
    const element = chat.current;
    if (!element) return undefined;
    element.getAuthToken = getAuthToken;
    const record = (text: string) => setEvents((seen) => [...seen, text]);
    const controller = new AbortController();
    element.addEventListener(
      'course-chat-navigate',
      (event) => {
        // This page has no course, Summon or profile pages; a real app hands event.href to its router here.
        event.preventDefault();
        record(`navigate: ${event.destination} ${event.href}${event.userId ? ` (${event.userId})` : ''}`);
      },
      { signal: controller.signal },
    );
    element.addEventListener('course-chat-analytics', (event) => record(`analytics: ${event.name}`), {
      signal: controller.signal,
    });
    return () => controller.abort();
  }, [getAuthToken]);

  return (
    <main className="host">
      <course-chat
        ref={chat}
        course-id={courseId}
        back-href={`/courses/${courseId}`}
        help-href="/summon"
        profile-href="/users/{id}"
        st-profile-href="/student-teachers/{id}"
      />
      <section className="events" aria-labelledby="events-title">
        <h2 id="events-title">Events React received</h2>
        <ol>
          {events.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}
