import { html, nothing } from 'lit';
import type { User } from '../protocol/index.js';
import { CourseChatNavigateEvent } from './events.js';
import { hueOf, initials } from './format.js';

/**
 * A person's picture, or their initials on a colour of their own (dark enough for white text at
 * AA contrast). Decorative: the name always stands beside it.
 */
export function avatar(user: Pick<User, 'id' | 'name' | 'avatar_url'>) {
  return user.avatar_url
    ? html`<img class="avatar" src=${user.avatar_url} alt="" />`
    : html`<span class="avatar" aria-hidden="true" style="background: hsl(${hueOf(user.id)} 50% 32%)"
        >${initials(user.name)}</span
      >`;
}

type Person = Pick<User, 'id' | 'is_student_teacher'>;

/** The host's profile URL template for the person's role with `{id}` filled in; '' when it set none. */
export function profileHrefOf(user: Person, profileHref: string, stProfileHref: string): string {
  return (user.is_student_teacher ? stProfileHref : profileHref).replaceAll('{id}', encodeURIComponent(user.id));
}

/**
 * `content` as a link to the person's profile, or left as it is without an `href`. The click fires
 * the cancelable `course-chat-navigate` first, so the host may route it. A `duplicate` link (the
 * avatar beside the linked name) stays out of the tab order and the accessibility tree; so does
 * any link whose row is not the one the keyboard is on (`tabbable` false).
 */
export function profileLink(user: Person, href: string, content: unknown, duplicate = false, tabbable = true) {
  if (!href) return content;
  const destination = user.is_student_teacher ? 'st-profile' : 'profile';
  return html`<a
    class="profile"
    href=${href}
    tabindex=${duplicate || !tabbable ? '-1' : nothing}
    aria-hidden=${duplicate ? 'true' : nothing}
    @click=${(event: MouseEvent) => {
      const link = event.currentTarget as HTMLAnchorElement;
      if (!link.dispatchEvent(new CourseChatNavigateEvent(destination, href, user.id))) event.preventDefault();
    }}
    >${content}</a
  >`;
}
