/**
 * gzip bytes for dist/course-chat.js, which bundles lit, partysocket and nanostores. 30 KB until
 * the windowed stream (#9, 1.4 KB) and mute, @mentions, unread and notifications (#10, 3.4 KB)
 * took it to 32.9 KB; WCAG work (#7: every string overridable with Intl plurals and times, light
 * and dark colours for 31 properties, forced colours, the keyboard model) added 2.2 KB.
 */
export const budget = 36 * 1024;
