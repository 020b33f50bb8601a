import { ApiError, type ApiClient } from '../client/api-client.js';

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
  async function watched(request: Promise<unknown>): Promise<unknown> {
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
  // Every method is a request answered by a promise; `apiBase` is the only other member.
  return new Proxy(api, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key);
      return typeof member === 'function'
        ? (...args: unknown[]) => watched(Reflect.apply(member, target, args) as Promise<unknown>)
        : member;
    },
  });
}
