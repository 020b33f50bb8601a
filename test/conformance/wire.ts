/**
 * Wire-level access to a backend under test: browser `fetch` and `WebSocket` only, every body and
 * frame validated with the protocol schemas. Knows nothing about any particular backend.
 */
import { expect } from '@open-wc/testing';
import {
  devTokenResponse,
  errorBody,
  errorStatus,
  paths,
  roomResponse,
  safeParse,
  serverFrame,
  unbatch,
  type DevAccessBody,
  type ErrorBody,
  type ErrorCode,
  type FixturesBody,
  type RestMethod,
  type RoomResponse,
  type Schema,
  type SendMessageBody,
  type ServerFrame,
  type ServerFrameOf,
} from '../../src/protocol/index.js';

export interface Reply {
  status: number;
  json: unknown;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  /** A JSON value to send, or a string sent as it is. */
  body?: unknown;
  raw?: string;
  /** Defaults to `application/json` on a POST or PATCH, as the element sends it. */
  contentType?: string;
  /** Other headers, e.g. a MODQ signature. */
  headers?: Record<string, string>;
}

export const uid = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Wire {
  readonly apiBase: string;

  constructor(apiBase: string) {
    this.apiBase = apiBase.replace(/\/+$/, '');
  }

  async call(method: RestMethod, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (method === 'POST' || method === 'PATCH') headers['content-type'] = options.contentType ?? 'application/json';
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) body = options.raw ?? JSON.stringify(options.body);
    const response = await fetch(`${this.apiBase}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, json: parseOrText(text), headers: response.headers };
  }

  /** Calls and expects success with `status`, returning the body parsed by `schema`. */
  async ok<T>(
    schema: Schema<T>,
    method: RestMethod,
    path: string,
    options: CallOptions = {},
    status = 200,
  ): Promise<T> {
    const reply = await this.call(method, path, options);
    expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.json)}`).to.equal(status);
    return schema.parse(reply.json);
  }

  /** Calls and expects the protocol error `code` with its status. */
  async fails(
    code: ErrorCode,
    method: RestMethod,
    path: string,
    options: CallOptions = {},
  ): Promise<ErrorBody['error']> {
    const reply = await this.call(method, path, options);
    return expectError(reply, code);
  }

  async token(userId: string, ttlSeconds?: number): Promise<string> {
    const body = ttlSeconds === undefined ? { user_id: userId } : { user_id: userId, ttl_seconds: ttlSeconds };
    return (await this.ok(devTokenResponse, 'POST', paths.devToken(), { body })).token;
  }

  async fixtures(body: FixturesBody): Promise<void> {
    const reply = await this.call('POST', paths.devFixtures(), { body });
    expect(reply.status, JSON.stringify(reply.json)).to.equal(201);
  }

  /** Sends a message over REST as `person`, as the element sends it. */
  post(course: Course, person: Person, message: SendMessageBody): Promise<Reply> {
    return this.call('POST', paths.messages(course.id), { token: person.token, body: message });
  }

  /** Changes a user's access as the host would, leaving their sockets to the backend. */
  async access(body: DevAccessBody): Promise<void> {
    const reply = await this.call('POST', paths.devAccess(), { body });
    expect(reply.status, JSON.stringify(reply.json)).to.equal(200);
  }

  socketUrl(roomId: string, token: string): string {
    const base = this.apiBase.replace(/^http/, 'ws');
    return `${base}${paths.connect()}?room=${encodeURIComponent(roomId)}&token=${encodeURIComponent(token)}`;
  }
}

/** The body as JSON, or as text when it is not JSON (a test then fails on its shape). */
function parseOrText(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export function expectError(reply: Reply, code: ErrorCode): ErrorBody['error'] {
  expect(reply.status, JSON.stringify(reply.json)).to.equal(errorStatus[code]);
  const parsed = errorBody.parse(reply.json).error;
  expect(parsed.code).to.equal(code);
  return parsed;
}

type FrameType = ServerFrame['type'];

/** A browser WebSocket that validates and keeps every frame it receives, those of a batch in turn. */
export class Socket {
  readonly frames: ServerFrame[] = [];
  readonly invalid: string[] = [];
  readonly closed: Promise<CloseEvent>;
  readonly #socket: WebSocket;
  readonly #waiters = new Set<() => void>();
  #closeEvent: CloseEvent | null = null;

  constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.#socket.addEventListener('message', (event) => {
      const text = String(event.data);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.invalid.push(text);
        return;
      }
      for (const value of unbatch(json)) {
        const parsed = safeParse(serverFrame, value);
        if (parsed.ok) this.frames.push(parsed.value);
        else this.invalid.push(JSON.stringify(value));
      }
      this.#notify();
    });
    this.closed = new Promise((resolve) =>
      this.#socket.addEventListener('close', (event) => {
        this.#closeEvent = event;
        this.#notify();
        resolve(event);
      }),
    );
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  get closeEvent(): CloseEvent | null {
    return this.#closeEvent;
  }

  #notify(): void {
    for (const waiter of this.#waiters) waiter();
  }

  opened(): Promise<void> {
    if (this.#socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#socket.addEventListener('open', () => resolve(), { once: true });
      this.#socket.addEventListener('close', () => reject(new Error('closed before opening')), { once: true });
    });
  }

  send(frame: unknown): void {
    this.#socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string): void {
    this.#socket.send(data);
  }

  /** Frames of one type received so far, optionally filtered. */
  all<T extends FrameType>(type: T, where: (frame: ServerFrameOf<T>) => boolean = () => true): ServerFrameOf<T>[] {
    return this.frames.filter(
      (frame): frame is ServerFrameOf<T> => frame.type === type && where(frame as ServerFrameOf<T>),
    );
  }

  /** Resolves with the `count`-th frame of `type` matching `where`, waiting for it if needed. */
  async next<T extends FrameType>(
    type: T,
    where: (frame: ServerFrameOf<T>) => boolean = () => true,
    options: { count?: number; timeoutMs?: number } = {},
  ): Promise<ServerFrameOf<T>> {
    const count = options.count ?? 1;
    const found = () => this.all(type, where)[count - 1];
    await this.until(() => found() !== undefined, `${count} "${type}" frame(s)`, options.timeoutMs);
    return found()!;
  }

  /** Waits until `condition` holds, re-checking on every frame and on close. */
  until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition()) {
          finish();
          resolve();
        } else if (this.#closeEvent) {
          finish();
          reject(new Error(`socket closed (${this.#closeEvent.code}) while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}; got ${this.frames.map((f) => f.type).join(',')}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
    });
  }

  /**
   * Round-trips a ping. A socket's frames arrive in order, so anything the backend sent this
   * socket before handling the ping has arrived once the pong has.
   */
  async barrier(): Promise<void> {
    const pongs = this.all('pong').length;
    this.send({ type: 'ping' });
    await this.next('pong', () => true, { count: pongs + 1 });
  }

  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    this.#socket.close(1000, 'test done');
    await this.closed;
  }
}

export interface Person {
  id: string;
  name: string;
  role: FixturesBody['users'][number]['role'];
  balance: number;
  token: string;
}

export interface CourseSpec {
  students?: number;
  sts?: number;
  outsiders?: number;
  moderators?: number;
  /** One balance for everyone, or one per person in fixture order (students, STs, outsiders, moderators). */
  balance?: number | number[];
  featureEnabled?: boolean;
}

/** A fresh course with its own people, created through `/dev/fixtures` for one test. */
export class Course {
  readonly id: string;
  readonly title: string;
  readonly people: Person[];
  readonly wire: Wire;
  readonly #sockets: Socket[] = [];

  private constructor(wire: Wire, id: string, title: string, people: Person[]) {
    this.wire = wire;
    this.id = id;
    this.title = title;
    this.people = people;
  }

  static async create(wire: Wire, spec: CourseSpec = {}): Promise<Course> {
    const id = uid('course');
    const title = `Conformance ${id.slice(-6)}`;
    const roles: Person['role'][] = [
      ...Array<Person['role']>(spec.students ?? 2).fill('student'),
      ...Array<Person['role']>(spec.sts ?? 0).fill('student_teacher'),
      ...Array<Person['role']>(spec.outsiders ?? 0).fill('outsider'),
      ...Array<Person['role']>(spec.moderators ?? 0).fill('moderator'),
    ];
    const users = roles.map((role, index) => ({
      id: uid(role === 'student_teacher' ? 'st' : role),
      name: `${role} ${index + 1}`,
      role,
      balance: Array.isArray(spec.balance) ? (spec.balance[index] ?? 100) : (spec.balance ?? 100),
    }));
    await wire.fixtures({ course: { id, title }, feature_enabled: spec.featureEnabled ?? true, users });
    const tokens = await Promise.all(users.map((user) => wire.token(user.id)));
    return new Course(
      wire,
      id,
      title,
      users.map((user, index) => ({ ...user, token: tokens[index]! })),
    );
  }

  byRole(role: Person['role']): Person[] {
    return this.people.filter((person) => person.role === role);
  }

  get students(): Person[] {
    return this.byRole('student');
  }

  get sts(): Person[] {
    return this.byRole('student_teacher');
  }

  get outsiders(): Person[] {
    return this.byRole('outsider');
  }

  get moderators(): Person[] {
    return this.byRole('moderator');
  }

  room(person: Person): Promise<RoomResponse> {
    return this.wire.ok(roomResponse, 'GET', paths.room(this.id), { token: person.token });
  }

  /** Opens a socket without waiting for anything but the upgrade. */
  raw(url: string): Socket {
    const socket = new Socket(url);
    this.#sockets.push(socket);
    return socket;
  }

  /** Joins the room as `person` and waits for `hello` and `presence`. */
  async connect(person: Person): Promise<Socket> {
    const room = await this.room(person);
    const socket = this.raw(this.wire.socketUrl(room.room_id, room.user_token));
    await socket.next('hello');
    await socket.next('presence');
    return socket;
  }

  /** Closes every socket of the test and checks that none received an invalid frame. */
  async dispose(): Promise<void> {
    await Promise.all(this.#sockets.map((socket) => socket.close()));
    for (const socket of this.#sockets) expect(socket.invalid, 'frames that do not validate').to.deep.equal([]);
  }
}

/** A send body with a fresh `client_id`. */
export const messageBody = (content: string, extra: Partial<SendMessageBody> = {}): SendMessageBody => ({
  client_id: crypto.randomUUID(),
  content,
  is_question: false,
  ...extra,
});

/** Makes courses for a suite's tests and disposes of each test's courses after it. */
export function courseFactory(wire: Wire): (spec?: CourseSpec) => Promise<Course> {
  const courses: Course[] = [];
  afterEach(async () => {
    await Promise.all(courses.splice(0).map((c) => c.dispose()));
  });
  return async (spec = {}) => {
    const created = await Course.create(wire, spec);
    courses.push(created);
    return created;
  };
}
