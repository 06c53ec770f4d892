/** What every resource module of the sandbox API gets: the records, the webhooks, and a way to announce events. */
import type { Delivery, Webhook } from '../deliveries';
import type { Answer } from '../http';
import type { Store } from '../store';

export interface Api {
  readonly store: Store;
  /** Registered webhooks by id. */
  readonly webhooks: Map<string, Webhook>;
  /** Announces an event to every webhook subscribed to its type; resolves when the deliveries settle. */
  emit(type: string, data: Record<string, unknown>): Promise<Delivery[]>;
}

/** One API request below /v1/admin/: `parts` are the decoded path segments. */
export interface ApiRequest {
  method: string;
  parts: string[];
  query: URLSearchParams;
  body: unknown;
}

/** A resource's routes: an answer, or undefined when the request is not one of them. */
export type Routes = (api: Api, req: ApiRequest) => Answer | undefined;
