import { html } from 'lit';
import type { User } from '../protocol/index.js';
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
