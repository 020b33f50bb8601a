/**
 * Access that ends must end: a room re-checks the access of everyone connected on a schedule, and
 * closes the sockets of users who lost it (enrolment removed, ST certification withdrawn, feature
 * flag off) with the protocol's access code, and sockets whose `user_token` expired with 4001.
 * Writes are checked as they come (room.ts); this covers users who only read.
 *
 * The longest a revoked user can still read is therefore the re-check interval
 * (`ACCESS_RECHECK_SECONDS`, 30 s by default) plus one D1 query; the host's admin call
 * (admin.ts) closes a user's sockets at once. An expired token is closed exactly at its expiry.
 */
import { accessCloseCode, type User } from '../../src/protocol/index.js';
import type { AlarmClock } from './alarm-clock.js';
import type { CourseAccess, Database } from './db.js';
import type { Env } from './env.js';
import type { Attachment, RoomSockets } from './sockets.js';

export const defaultRecheckSeconds = 30;

/** The re-check interval this deployment configured, in milliseconds. */
export function recheckIntervalMs(env: Env): number {
  const seconds = Number(env.ACCESS_RECHECK_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : defaultRecheckSeconds) * 1000;
}

/** Accepts an upgrade only to close it at once with `code`, as docs/protocol.md requires. */
export function refuseSocket(code: number, reason: string): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  server.close(code, reason);
  return new Response(null, { status: 101, webSocket: client });
}

const recheckKey = 'access_recheck_at';

export class AccessGuard {
  readonly #storage: DurableObjectStorage;
  readonly #clock: AlarmClock;
  readonly #sockets: RoomSockets;
  readonly #db: Database;
  readonly #intervalMs: number;
  /** Each user as their access was last read, and when. */
  readonly #known = new Map<string, { user: User; at: number }>();
  /**
   * Until when each user is muted here. Only this room changes mutes (`setMutedUntil`), so once
   * known a mute stays true however old: a read of D1 only fills in a user not known yet, and
   * never overwrites what a decision set while that read was on its way.
   */
  readonly #mutes = new Map<string, string | null>();

  constructor(
    storage: DurableObjectStorage,
    clock: AlarmClock,
    sockets: RoomSockets,
    db: Database,
    intervalMs: number,
  ) {
    this.#storage = storage;
    this.#clock = clock;
    this.#sockets = sockets;
    this.#db = db;
    this.#intervalMs = intervalMs;
  }

  /** The Worker has just read the user's access, to let their socket in or for a REST write. */
  admitted(access: Pick<CourseAccess, 'me' | 'mutedUntil'>): void {
    this.#known.set(access.me.id, { user: access.me, at: Date.now() });
    if (!this.#mutes.has(access.me.id)) this.#mutes.set(access.me.id, access.mutedUntil);
  }

  /** Until when the user is muted here: as last read, so a send costs no D1 read; read once if never. */
  async mutedUntil(userId: string, courseId: string): Promise<string | null> {
    if (!this.#mutes.has(userId)) {
      const access = await this.#db.access(userId, courseId);
      if (access.ok) this.admitted(access.value);
    }
    return this.#mutes.get(userId) ?? null;
  }

  /** A moderator's mute decision in this room, stored in D1 already. */
  setMutedUntil(userId: string, until: string | null): void {
    this.#mutes.set(userId, until);
  }

  /** The host changed the user's access: their next write reads it again. */
  forget(userId: string): void {
    this.#known.delete(userId);
  }

  /** The course was replaced (dev fixtures): everyone's access and mute are read again. */
  forgetEveryone(): void {
    this.#known.clear();
    this.#mutes.clear();
  }

  /**
   * Who may write as the user now: as last read while that is recent enough, else read again.
   * Null when their access has ended, and then their sockets close at once rather than at the
   * next re-check.
   */
  async writer(userId: string, courseId: string): Promise<User | null> {
    const known = this.#known.get(userId);
    if (known && Date.now() - known.at < this.#intervalMs) return known.user;
    const access = await this.#db.access(userId, courseId);
    if (access.ok) {
      this.admitted(access.value);
      return access.value.me;
    }
    this.#known.delete(userId);
    this.#sockets.close(this.#sockets.open(userId), accessCloseCode(access.error.code), access.error.message);
    return null;
  }

  /**
   * Sets the next re-check, or the earliest token expiry if sooner; none while nobody is
   * connected, so an empty room costs nothing.
   */
  async schedule(): Promise<void> {
    const open = this.#sockets.open();
    if (open.length === 0) return;
    let next = Date.now() + this.#intervalMs;
    for (const socket of open) next = Math.min(next, this.#sockets.attachment(socket)?.expiresAt ?? next);
    const current = await this.#storage.get<number>(recheckKey);
    if (current === undefined || current > next) await this.#storage.put(recheckKey, next);
    await this.#clock.wake(Math.min(next, current ?? next));
  }

  /** The room's alarm rang: re-checks if one is due, else sets the alarm again for it. */
  async onAlarm(): Promise<void> {
    const at = await this.#storage.get<number>(recheckKey);
    if (at === undefined) return;
    if (at > Date.now()) return this.#clock.wake(at);
    await this.#storage.delete(recheckKey);
    await this.recheck();
  }

  /**
   * The alarm: closes expired and revoked sockets, brings the others' user up to date (an ST whose
   * certification was withdrawn but who stays enrolled is no longer offered as a helper), then
   * schedules the next re-check.
   */
  async recheck(): Promise<void> {
    const now = Date.now();
    const byUser = new Map<string, Array<{ socket: WebSocket; attachment: Attachment }>>();
    let courseId: string | null = null;
    for (const socket of this.#sockets.open()) {
      const attachment = this.#sockets.attachment(socket);
      if (!attachment) continue;
      if (attachment.expiresAt <= now) {
        this.#sockets.close([socket], accessCloseCode('token_expired'), 'token expired');
        continue;
      }
      courseId = attachment.courseId;
      byUser.set(attachment.user.id, [...(byUser.get(attachment.user.id) ?? []), { socket, attachment }]);
    }
    if (courseId !== null) {
      const access = await this.#db.accessOfMany([...byUser.keys()], courseId);
      let changed = false;
      for (const [userId, current] of access) {
        const entries = byUser.get(userId) ?? [];
        if (!current.ok) {
          this.#known.delete(userId);
          const sockets = entries.map((entry) => entry.socket);
          this.#sockets.close(sockets, accessCloseCode(current.error.code), current.error.message);
          continue;
        }
        const { me } = current.value;
        this.admitted(current.value);
        for (const { socket, attachment } of entries) {
          if (attachment.user.is_student_teacher === me.is_student_teacher) continue;
          const available = attachment.available && me.is_student_teacher;
          this.#sockets.attach(socket, { ...attachment, user: me, available });
          changed = true;
        }
      }
      if (changed) this.#sockets.broadcast({ type: 'presence', users: this.#sockets.present() });
    }
    await this.schedule();
  }
}
