/**
 * Webhook deliveries as Storeganise makes them: POST `{ id, created, type, data }` (ids only), header
 * `sg-signature` = base64 HMAC-SHA256 of the body with the signing secret, a 2 s answer deadline,
 * 2 retries after a failed or non-200 delivery (3 attempts in all).
 */
import { createHmac } from 'node:crypto';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  alertEmails: string[];
  created: string;
}

export interface WebhookEvent {
  id: string;
  created: string;
  type: string;
  data: Record<string, unknown>;
}

export interface DeliveryAttempt {
  status?: number;
  error?: string;
  ms: number;
}

export interface Delivery {
  webhookId: string;
  url: string;
  event: WebhookEvent;
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

export interface OutboxOptions {
  signingSecret: string;
  /** Answer deadline of a delivery (Storeganise: 2 s). */
  deliveryTimeoutMs?: number;
  /** Pause before a retry (Storeganise's is not documented; short here so runs stay quick). */
  retryDelayMs?: number;
  /** Attempts per delivery: 1 + 2 retries. */
  attempts?: number;
  log?: (line: string) => void;
}

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** Sends events to webhooks and keeps every delivery; `stop()` ends them all at once. */
export class Outbox {
  readonly deliveries: Delivery[] = [];
  private readonly pending = new Set<Promise<Delivery>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Delivers one event to each webhook; resolves when all deliveries settle (retries included). */
  send(event: WebhookEvent, targets: Webhook[]): Promise<Delivery[]> {
    return Promise.all(targets.map((w) => this.track(this.deliver(w, event))));
  }

  /** Waits until no delivery is in flight (retries included). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.aborts) controller.abort();
    await Promise.allSettled([...this.pending]);
  }

  private track(delivery: Promise<Delivery>): Promise<Delivery> {
    this.pending.add(delivery);
    return delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(webhook: Webhook, event: WebhookEvent): Promise<Delivery> {
    const body = JSON.stringify(event);
    const signature = signBody(this.options.signingSecret, body);
    const delivery: Delivery = {
      webhookId: webhook.id,
      url: webhook.url,
      event,
      attempts: [],
      delivered: false,
    };
    this.deliveries.push(delivery);
    const attempts = this.options.attempts ?? 3;
    for (let i = 0; i < attempts && !this.stopped; i++) {
      if (i > 0) await this.pause(this.options.retryDelayMs ?? 100);
      if (this.stopped) break;
      const attempt = await this.post(webhook.url, body, signature);
      delivery.attempts.push(attempt);
      this.options.log?.(
        `webhook ${event.type} ${event.id} → ${webhook.url}: attempt ${i + 1} ${attempt.status ?? attempt.error}`,
      );
      if (attempt.status === 200) {
        delivery.delivered = true;
        break;
      }
    }
    return delivery;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const controller = new AbortController();
      const finish = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.aborts.delete(controller);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.timers.add(timer);
      // stop() aborts the pause so the delivery loop can end at once
      this.aborts.add(controller);
      controller.signal.addEventListener('abort', finish);
    });
  }

  /**
   * One delivery attempt, written on a plain socket (`net`/`tls`, `Connection: close`): the answer's
   * status line is all Storeganise looks at. A socket rather than http.request keeps deliveries out of
   * the request interceptors of the process (nock in tests, zapier-platform-core's logging patch).
   */
  private post(url: string, body: string, signature: string): Promise<DeliveryAttempt> {
    const started = performance.now();
    const deadline = this.options.deliveryTimeoutMs ?? 2000;
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const port = Number(target.port || (secure ? 443 : 80));
    const controller = new AbortController();
    this.aborts.add(controller);
    return new Promise<DeliveryAttempt>((resolve) => {
      let settled = false;
      let head = '';
      const socket: Socket = secure
        ? tls.connect({ host: target.hostname, port, servername: target.hostname })
        : net.connect({ host: target.hostname, port });
      const done = (outcome: Omit<DeliveryAttempt, 'ms'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        this.aborts.delete(controller);
        socket.destroy();
        resolve({ ...outcome, ms: Math.round(performance.now() - started) });
      };
      const timer = setTimeout(() => done({ error: `no answer within ${deadline} ms` }), deadline);
      this.timers.add(timer);
      controller.signal.addEventListener('abort', () => done({ error: 'sandbox stopped' }));
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        // write, not end: a half-closed request makes some servers drop it before answering
        socket.write(
          [
            `POST ${target.pathname}${target.search} HTTP/1.1`,
            `Host: ${target.host}`,
            'Content-Type: application/json',
            `Content-Length: ${Buffer.byteLength(body)}`,
            'User-Agent: Storeganise-Webhooks (sandbox)',
            `sg-signature: ${signature}`,
            'Connection: close',
            '',
            body,
          ].join('\r\n'),
        );
      });
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        head += chunk;
        const line = /^HTTP\/1\.[01] (\d{3})/.exec(head);
        if (line) done({ status: Number(line[1]) });
        else if (head.includes('\r\n') || head.length > 1024) done({ error: 'not an HTTP answer' });
      });
      socket.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
      socket.on('close', () => done({ error: 'connection closed without an answer' }));
    });
  }
}
