/**
 * The mock's moderation: the shared rules (src/backend/moderation-rules.ts) over its memory, for
 * the REST routes, scenarios and tests. What it would have sent MODQ is kept in `modqSent()`, so a
 * test or the demo can see each report's hand-off; decisions signed as MODQ signs them are
 * checked against the `modqSecret` option.
 */
import {
  applySignedDecision,
  deleteMessage,
  editMessage,
  moderate,
  moderationOf,
  parseBody,
  refusals,
  report,
  reportedMessages,
  runNow,
  verifyModqRequest,
  type DecisionAudit,
  type Outcome,
  type RoomContext,
  type Rule,
} from '../backend/index.js';
import {
  signedDecisionBody,
  type ChatMessage,
  type DecisionResponse,
  type EditBody,
  type ModerationDecision,
  type ModqReport,
  type ReportBody,
  type ReportedResponse,
  type ReportResponse,
} from '../protocol/index.js';
import type { ModerationTables } from './memory-moderation.js';

const copy = <T>(value: T): T => structuredClone(value);

/** What moderation needs from the backend: its rooms, once access is checked or for MODQ. */
export interface ModerationHost {
  /** Runs a rule for a user in their course, once access is granted. */
  apply<T>(userId: string, courseId: string, rule: (room: RoomContext) => Rule<Outcome<T>>): Outcome<T>;
  /** The course's room, as MODQ reaches it (no user); null when there is no such course. */
  context(courseId: string): RoomContext | null;
  now(): number;
}

/** The headers of a signed MODQ request, null when absent. */
export interface ModqSignature {
  timestamp: string | null;
  signature: string | null;
}

export class MockModeration {
  readonly #host: ModerationHost;
  readonly #tables: ModerationTables;
  readonly #secret: string;

  constructor(host: ModerationHost, tables: ModerationTables, secret: string) {
    this.#host = host;
    this.#tables = tables;
    this.#secret = secret;
  }

  /** Each report as the mock would have POSTed it to MODQ, in order. */
  modqSent(): ModqReport[] {
    return copy(this.#tables.modqSent);
  }

  /** Every decision applied, from the room or from MODQ, with who took it, when and why. */
  decisions(): DecisionAudit[] {
    return copy(this.#tables.decisions);
  }

  /** Each edit's previous text, oldest first. */
  edits(): ModerationTables['edits'] {
    return copy(this.#tables.edits);
  }

  /** The room answer's `moderator` and `muted_until` for this user. */
  roomFields(userId: string, courseId: string): { moderator?: true; muted_until?: string } {
    const room = this.#host.context(courseId);
    return room ? runNow(moderationOf(room, userId)) : {};
  }

  report(userId: string, courseId: string, messageId: string, body: ReportBody): Outcome<ReportResponse> {
    return this.#host.apply(userId, courseId, (room) => report(room, userId, messageId, body));
  }

  edit(userId: string, courseId: string, messageId: string, body: EditBody): Outcome<ChatMessage> {
    return this.#host.apply(userId, courseId, (room) => editMessage(room, userId, messageId, body));
  }

  deleteMessage(userId: string, courseId: string, messageId: string): Outcome<ChatMessage> {
    return this.#host.apply(userId, courseId, (room) => deleteMessage(room, userId, messageId));
  }

  /** A decision by a moderator of the course, from the room. */
  moderate(userId: string, courseId: string, decision: ModerationDecision): Outcome<DecisionResponse> {
    return this.#host.apply(userId, courseId, (room) => moderate(room, userId, decision));
  }

  reported(userId: string, courseId: string): Outcome<ReportedResponse> {
    return this.#host.apply(userId, courseId, (room) => reportedMessages(room, userId));
  }

  /** `POST /moderation/decisions`: the signature and its age first, then the decision. */
  async signedDecision(signature: ModqSignature, rawBody: string): Promise<Outcome<DecisionResponse>> {
    const verified = await verifyModqRequest(this.#secret, signature, rawBody, this.#host.now());
    if (!verified.ok) return verified;
    const body = parseBody(signedDecisionBody, rawBody);
    if (!body.ok) return body;
    const room = this.#host.context(body.value.course_id);
    if (!room) return refusals.courseNotFound();
    return runNow(applySignedDecision(room, body.value));
  }
}
