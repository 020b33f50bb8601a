/**
 * A course's moderation in the mock's memory: reports, mutes and the changes moderation makes to
 * messages, as the Worker keeps them in D1. `MemoryRoom` hands the moderation part of
 * `RoomRecords` here; what all courses share (the audit of decisions and edits, what MODQ was
 * sent) is in `MockTables`.
 */
import type { DecisionAudit } from '../backend/index.js';
import type { ChatMessage, MessageReport, ModqReport } from '../protocol/index.js';

const copy = <T>(value: T): T => structuredClone(value);

/** What all courses share: a decision id is unique across them, as in D1. */
export interface ModerationTables {
  /** Every decision applied, oldest first. */
  readonly decisions: DecisionAudit[];
  /** Each edit's previous text (D1's `chat_message_edits`). */
  readonly edits: Array<{ message_id: string; content: string; edited_at: string }>;
  /** What the mock would have POSTed to MODQ, in order. */
  readonly modqSent: ModqReport[];
}

interface FiledReport {
  report: MessageReport;
  open: boolean;
}

export class MemoryModeration {
  readonly #tables: ModerationTables;
  /** The room's stored messages by id, which moderation changes in place. */
  readonly #messages: Map<string, ChatMessage>;
  /** Message id → reporter id → their report. */
  readonly #reports = new Map<string, Map<string, FiledReport>>();
  readonly #mutes = new Map<string, string>();

  constructor(tables: ModerationTables, messages: Map<string, ChatMessage>) {
    this.#tables = tables;
    this.#messages = messages;
  }

  reportedBy(reporterId: string, messageId: string): boolean {
    return this.#reports.get(messageId)?.has(reporterId) ?? false;
  }

  addReport(messageId: string, report: MessageReport): number | null {
    let reports = this.#reports.get(messageId);
    if (!reports) this.#reports.set(messageId, (reports = new Map()));
    if (reports.has(report.reporter_id)) return null;
    reports.set(report.reporter_id, { report: copy(report), open: true });
    return this.#open(messageId).length;
  }

  closeReports(messageId: string): number {
    const open = this.#open(messageId);
    for (const filed of open) filed.open = false;
    return open.length;
  }

  reportedMessages(): Array<{ message: ChatMessage; reports: MessageReport[] }> {
    const reported = [...this.#reports.keys()].flatMap((messageId) => {
      const message = this.#messages.get(messageId);
      const reports = this.#open(messageId).map((filed) => copy(filed.report));
      const oldest = reports[0]?.created_at;
      return message && oldest !== undefined ? [{ message: copy(message), reports, oldest }] : [];
    });
    return reported
      .sort((a, b) => a.oldest.localeCompare(b.oldest))
      .map(({ message, reports }) => ({ message, reports }));
  }

  queueForModq(report: ModqReport): void {
    this.#tables.modqSent.push(copy(report));
  }

  setHidden(messageId: string, hidden: boolean): boolean {
    const message = this.#messages.get(messageId);
    if (!message || (message.hidden === true) === hidden) return false;
    if (hidden) message.hidden = true;
    else delete message.hidden;
    return true;
  }

  editMessage(messageId: string, content: string, editedAt: string): void {
    const message = this.#messages.get(messageId);
    if (!message) return;
    this.#tables.edits.push({ message_id: messageId, content: message.content, edited_at: editedAt });
    message.content = content;
    message.edited_at = editedAt;
  }

  deleteMessage(messageId: string): boolean {
    const message = this.#messages.get(messageId);
    if (!message || message.deleted) return false;
    message.content = '';
    message.mentions = [];
    message.deleted = true;
    if (message.question_status === 'open') message.question_status = null;
    return true;
  }

  mutedUntil(userId: string): string | null {
    return this.#mutes.get(userId) ?? null;
  }

  setMute(userId: string, until: string | null): void {
    if (until === null) this.#mutes.delete(userId);
    else this.#mutes.set(userId, until);
  }

  recordDecision(entry: DecisionAudit): boolean {
    if (this.#tables.decisions.some((decision) => decision.id === entry.id)) return false;
    this.#tables.decisions.push(copy(entry));
    return true;
  }

  #open(messageId: string): FiledReport[] {
    return [...(this.#reports.get(messageId)?.values() ?? [])].filter((filed) => filed.open);
  }
}
