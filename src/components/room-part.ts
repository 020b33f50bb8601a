import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { defaultStrings } from './strings.js';

/**
 * What each part of the room takes from `<course-chat>`: the room's store (each part declares the
 * few atoms and methods it uses of it) and the texts to show.
 */
export class RoomPart extends LitElement {
  /** The room's store. */
  @property({ attribute: false }) store?: unknown;

  /** The texts to show (`<course-chat>` passes its own down). */
  @property({ attribute: false }) strings = defaultStrings;
}
