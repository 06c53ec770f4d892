import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { apiKeyForHeader, boundText, businessName, connectedBusinessCode, getSettings } from './client';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ConnectionInfo = {
  businessCode: string;
  businessName: string;
};

/** Checks the fields, then proves the key with one cheap authenticated read (settings). */
export async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionInfo> {
  const code = connectedBusinessCode(z, bundle.authData);
  // Refuses, with a clear message, a key that is empty or cannot travel in a header, before any request.
  apiKeyForHeader(z, bundle.authData);
  const alert = bundle.authData.alertEmail?.trim();
  if (alert && !EMAIL.test(alert)) {
    const message = `"${boundText(alert, 100)}" is not an e-mail address. Leave Alert E-mail empty or enter one address.`;
    throw new z.errors.Error(message, 'invalid_alert_email', 400);
  }
  const settings = await getSettings(z, bundle);
  return { businessCode: code, businessName: businessName(settings, code) };
}

export const connectionLabel = async (
  _z: ZObject,
  bundle: Bundle<Partial<ConnectionInfo>>,
): Promise<string> => {
  const { businessCode = '', businessName: name = '' } = bundle.inputData;
  return name && name !== businessCode ? `${name} (${businessCode})` : businessCode;
};

export default {
  type: 'custom',
  fields: [
    {
      key: 'businessCode',
      label: 'Business Code',
      required: true,
      type: 'string',
      helpText:
        'The first part of your Storeganise portal address: for `https://mybiz.storeganise.com` enter `mybiz`. Pasting the whole address works too. Use your `-test` business code to try Zaps safely.',
    },
    {
      key: 'apiKey',
      label: 'API Key',
      required: true,
      type: 'password',
      helpText:
        'A manager creates API keys in your Storeganise operations portal (`https://YOUR-CODE.storeganise.com`) under ' +
        "**Main Settings > Developer > API keys**; see [Storeganise's API FAQ](https://help.storeganise.com/article/21-api-faq). " +
        'The **admin** role is recommended so every trigger and action can read and write what it needs.',
    },
    {
      key: 'webhookSecret',
      label: 'Webhook Signing Secret',
      required: false,
      type: 'password',
      helpText:
        'Optional. The signing secret of your webhook in your operations portal under **Main Settings > Developer > ' +
        'Webhooks** ([Storeganise help centre](https://help.storeganise.com)). When set, instant triggers check every ' +
        "event's `sg-signature` and drop events that are unsigned or forged.",
    },
    {
      key: 'alertEmail',
      label: 'Alert E-mail',
      required: false,
      type: 'string',
      helpText:
        'Optional. Storeganise e-mails this address when it cannot deliver an event to one of your Zaps. Used when a Zap turns on an instant trigger.',
    },
  ],
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
