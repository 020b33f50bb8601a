// What a React host declares once so TSX knows <course-chat> and its attributes.
import type { CourseChat } from 'course-chat';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

interface CourseChatAttributes extends HTMLAttributes<CourseChat> {
  'course-id'?: string;
  'api-base'?: string;
  'back-href'?: string;
  'help-href'?: string;
  'earn-href'?: string;
  'profile-href'?: string;
  'st-profile-href'?: string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'course-chat': DetailedHTMLProps<CourseChatAttributes, CourseChat>;
    }
  }
}
