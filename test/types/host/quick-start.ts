// The README's quick start, nothing else imported: the tag and its events are typed.
// tsconfig.quick-start.*.json check it alone, so no other import can lend it the tag and event maps.
import 'course-chat/define';

const chat = document.querySelector('course-chat');
if (chat) {
  chat.courseId = 'linear-algebra-101';
  chat.getAuthToken = async () => 'a host token';
  // @ts-expect-error course-id is a string
  chat.courseId = 101;
  // @ts-expect-error the theme is light, dark or auto
  chat.theme = 'sepia';

  chat.addEventListener('course-chat-navigate', (event) => {
    const destination: 'course' | 'help' | 'profile' | 'st-profile' = event.destination;
    if (destination === 'profile') event.preventDefault();
  });
  chat.addEventListener('course-chat-analytics', (event) => {
    if (event.name === 'page_view') {
      const role: 'student' | 'student_teacher' = event.data.user_role;
      console.log(role);
    }
    if (event.name === 'points_awarded') {
      console.log(event.data.points, event.data.recipient_id);
      // @ts-expect-error points_awarded carries no course id
      console.log(event.data.course_id);
    }
    // @ts-expect-error user_role belongs to page_view only, so the name must be checked first
    console.log(event.data.user_role);
  });
  chat.addEventListener('course-chat-unread', (event) => {
    const badge: number = event.count + event.mentions;
    console.log(badge, event.muted);
  });
}

const created = document.createElement('course-chat');
created.theme = 'dark';
