/** Secrets never leave the app: every message that may reach a user or a log passes through here. */
import type { Bundle } from 'zapier-platform-core';

type AuthData = Bundle['authData'];

/** Replaces the connection's secrets in any text that may reach a user or a log. */
export function redact(text: string, authData: AuthData | undefined): string {
  let out = text;
  for (const key of ['apiKey', 'webhookSecret'] as const) {
    const secret = authData?.[key];
    if (typeof secret === 'string' && secret.length >= 4) out = out.split(secret).join(':censored:');
  }
  return out;
}

