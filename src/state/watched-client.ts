import { ApiError, type ApiClient } from '../client/index.js';

export interface ClientWatch {
  /** A body from the network failed validation and was dropped. */
  invalid(error: ApiError): void;
  /** The backend refused the credentials (401). */
  refused(error: ApiError): void;
  /** The backend let a request in. */
  accepted(): void;
}

/**
 * The client as a session's feature stores use it: whichever of them makes a request, a refused
 * sign-in takes the one sign-in path and malformed data the one report to the host, while the
 * caller still gets the error to handle its own way (a notice, a failed message).
 */
export function watchClient(api: ApiClient, watch: ClientWatch): ApiClient {
  async function watched<T>(request: Promise<T>): Promise<T> {
    try {
      const answer = await request;
      watch.accepted();
      return answer;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) watch.refused(error);
      else if (error instanceof ApiError && error.code === 'invalid_response') watch.invalid(error);
      throw error;
    }
  }
  return {
    apiBase: api.apiBase,
    room: (courseId) => watched(api.room(courseId)),
    history: (courseId, query) => watched(api.history(courseId, query)),
    send: (courseId, body) => watched(api.send(courseId, body)),
    markQuestion: (courseId, messageId) => watched(api.markQuestion(courseId, messageId)),
    report: (courseId, messageId, body) => watched(api.report(courseId, messageId, body)),
    helpers: (courseId) => watched(api.helpers(courseId)),
    markRead: (courseId, seq) => watched(api.markRead(courseId, seq)),
    updateSettings: (courseId, change) => watched(api.updateSettings(courseId, change)),
    myAwards: (courseId) => watched(api.myAwards(courseId)),
    award: (body) => watched(api.award(body)),
  };
}
