import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { RoomResponse } from '../protocol/index.js';
import type { ChatStore } from '../state/index.js';
import type { CourseChatJumpEvent } from './events.js';
import { StoreController } from './store-controller.js';
import type { CourseChatStrings } from './strings.js';

/** The element whose header it is: where its links lead, read at each render. */
export interface RoomHeaderHost extends ReactiveControllerHost {
  earnHref: string;
  backHref: string;
}

/** What the header needs of its element beyond that: the room's store, a jump, Back. */
export interface RoomHeaderOptions {
  store(): ChatStore | undefined;
  jump(event: CourseChatJumpEvent): void;
  back(event: MouseEvent): void;
}

/**
 * The room's header: the course title and who is online, then the user's points, search, the
 * room's settings and Back to Course. In a pane they stay one row; on a phone Back is an arrow
 * before the title and the rest are compact controls, each keeping its name for assistive
 * technology (course-chat.styles.ts).
 */
export class RoomHeader {
  readonly #online: StoreController<number>;
  readonly #presenceLive: StoreController<boolean>;
  readonly #helpers: StoreController<ReturnType<ChatStore['$helpers']['get']>>;
  readonly #balance: StoreController<number>;
  readonly #host: RoomHeaderHost;
  readonly #options: RoomHeaderOptions;

  constructor(host: RoomHeaderHost, options: RoomHeaderOptions) {
    this.#host = host;
    this.#options = options;
    const store = options.store;
    this.#online = new StoreController(host, () => store()?.$onlineCount, 0);
    this.#presenceLive = new StoreController(host, () => store()?.$presenceLive, false);
    this.#helpers = new StoreController(host, () => store()?.$helpers, []);
    this.#balance = new StoreController(host, () => store()?.$balance, 0);
  }

  render(room: RoomResponse | null, s: CourseChatStrings, locale: string | undefined) {
    const { earnHref, backHref } = this.#host;
    const { jump, back } = this.#options;
    const store = this.#options.store();
    const live = this.#presenceLive.value;
    const title = s.title(room?.course.title ?? '');
    const balance = this.#balance.value;
    return html`<div class="header" part="header">
      <div class="heading">
        <h2 title=${title}>${title}</h2>
        ${
          // While the socket is down the count is only the last known: no count rather than a wrong one.
          room && live ? html`<span class="online">${s.online(this.#online.value)}</span>` : nothing
        }
        ${
          live && this.#helpers.value.some((helper) => helper.id === room?.me.id && helper.available)
            ? html`<span class="helping">${s.helping}</span>`
            : nothing
        }
      </div>
      ${
        room
          ? html`<div class="balance">
                <span class="points-to-give" data-n=${balance}>${s.balance(balance)}</span>
                ${earnHref ? html`<a href=${earnHref}>${s.earnMore}</a>` : nothing}
              </div>
              <course-chat-search
                .store=${store}
                .strings=${s}
                .locale=${locale}
                @course-chat-jump=${jump}
              ></course-chat-search>
              <course-chat-settings .store=${store} .strings=${s}></course-chat-settings>`
          : nothing
      }
      <a class="back" href=${backHref || '#'} @click=${back}>${s.back}</a>
    </div>`;
  }
}
