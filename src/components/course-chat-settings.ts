import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { ChatStore } from '../state/index.js';
import { settingsStyles } from './course-chat-settings.styles.js';
import { headerToggleStyles } from './header-toggle.styles.js';
import { RoomPart } from './room-part.js';
import { sharedStyles } from './shared.styles.js';
import { StoreController } from './store-controller.js';
import { settingsStrings } from './settings-strings.js';

/** Whether the browser has notifications at all. */
const supported = typeof Notification !== 'undefined';

/** What the settings panel reads and changes in the room. */
export type SettingsStore = Pick<ChatStore, '$settings' | 'updateSettings'>;

/**
 * Room settings, from a button in the header: mute this room (no sound, no browser notification,
 * no attention events) and browser notifications (opt-in: a mention, an answer to one's question,
 * points received, while the page is hidden). The backend keeps both per user and course.
 *
 * @tag course-chat-settings
 */
export class CourseChatSettings extends RoomPart {
  static override styles = [sharedStyles, headerToggleStyles, settingsStyles];

  /** The room's settings, and how to change them. */
  declare store?: SettingsStore;

  @state() private open = false;
  /** The browser refused notifications, so the switch cannot turn them on. */
  @state() private blocked = supported && Notification.permission === 'denied';

  @query('.toggle') private toggle?: HTMLButtonElement;

  readonly #settings = new StoreController(this, () => this.store?.$settings, null);

  override render() {
    const settings = this.#settings.value;
    const s = { ...settingsStrings, ...this.strings };
    return html`<button
        class="toggle"
        type="button"
        aria-expanded=${String(this.open)}
        aria-controls="panel"
        @click=${() => (this.open = !this.open)}
      >
        ${s.settings}${settings?.muted ? html` <span class="muted">${s.muted}</span>` : ''}
      </button>
      <div
        id="panel"
        class="panel"
        role="group"
        aria-label=${s.settings}
        ?hidden=${!this.open}
        @keydown=${this.#keydown}
      >
        <label>
          <input
            type="checkbox"
            .checked=${settings?.muted ?? false}
            ?disabled=${!settings}
            @change=${(event: Event) => this.store?.updateSettings({ muted: (event.target as HTMLInputElement).checked })}
          />
          ${s.mute}
        </label>
        <label>
          <input
            type="checkbox"
            .checked=${settings?.notifications ?? false}
            ?disabled=${!settings || !supported || this.blocked}
            aria-describedby="notify-hint"
            @change=${this.#notificationsChanged}
          />
          ${s.notify}
        </label>
        <p id="notify-hint" class="hint">
          ${!supported ? s.unsupported : this.blocked ? s.blocked : settings?.muted ? s.mutedHint : s.notifyHint}
        </p>
      </div>`;
  }

  async #notificationsChanged(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const wanted = box.checked;
    // Turning them on asks the browser first; the request needs this click.
    if (wanted && Notification.permission !== 'granted' && (await Notification.requestPermission()) !== 'granted') {
      this.blocked = Notification.permission === 'denied';
      box.checked = false;
      return;
    }
    await this.store?.updateSettings({ notifications: wanted });
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    this.toggle?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'course-chat-settings': CourseChatSettings;
  }
}
