/**
 * `course-chat/react`: what TSX needs to know about `<course-chat>` in React 19. Types only: a host
 * imports it once (`import type {} from 'course-chat/react'`) and the tag takes its attributes, the
 * properties React 19 sets on custom elements, and `on` + event name listeners with typed events.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CourseChat } from './components/course-chat.js';

/** The events a host listens for; React 19 listens for `on` followed by the exact event name. */
type HostEvents = Pick<
  GlobalEventHandlersEventMap,
  | 'course-chat-navigate'
  | 'course-chat-analytics'
  | 'course-chat-error'
  | 'course-chat-notification'
  | 'course-chat-unread'
  | 'course-chat-auth-required'
>;

type HostEventProps = { [Name in keyof HostEvents as `on${Name}`]?: (event: HostEvents[Name]) => void };

/** `<course-chat>` in TSX: its attributes, its properties (React 19 sets them) and its events. */
export interface CourseChatProps extends HTMLAttributes<CourseChat>, HostEventProps {
  'course-id'?: string;
  'api-base'?: string;
  'back-href'?: string;
  'help-href'?: string;
  'earn-href'?: string;
  'profile-href'?: string;
  'st-profile-href'?: string;
  theme?: CourseChat['theme'];
  getAuthToken?: CourseChat['getAuthToken'];
  strings?: CourseChat['strings'];
}

/** What the tag accepts in TSX: its props, `ref` and `key`. */
export type CourseChatElementProps = DetailedHTMLProps<CourseChatProps, CourseChat>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'course-chat': CourseChatElementProps;
    }
  }
}
