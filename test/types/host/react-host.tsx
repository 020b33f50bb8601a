// A React 19 host: the shipped JSX declarations type the tag's attributes, properties and events.
import type {} from 'course-chat/react';
import 'course-chat/define';

export function Room({ courseId, token }: { courseId: string; token: () => Promise<string> }) {
  return (
    <course-chat
      course-id={courseId}
      back-href={`/courses/${courseId}`}
      theme="dark"
      getAuthToken={token}
      oncourse-chat-analytics={(event) => {
        if (event.name === 'helper_online') console.log(event.data.st_id);
      }}
      oncourse-chat-navigate={(event) => event.preventDefault()}
    />
  );
}

export function Misspelt() {
  // @ts-expect-error the theme is light, dark or auto
  return <course-chat theme="sepia" />;
}
