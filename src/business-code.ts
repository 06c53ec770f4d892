/**
 * Storeganise addresses each business by a subdomain code: https://{code}.storeganise.com.
 * Users paste whatever they have at hand (the code, the host, a portal URL), so we accept all
 * three and reduce them to the code. Anything that would point requests at another host is refused:
 * the API key is an admin credential and must only ever travel to *.storeganise.com.
 */

const CODE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const STOREGANISE_HOST = /^([a-z0-9-]+)\.storeganise\.com\.?$/;

export class BusinessCodeError extends Error {}

export function normaliseBusinessCode(input: unknown): string {
  const raw = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!raw) {
    throw new BusinessCodeError(
      'Enter your Storeganise business code: the first part of your portal address, e.g. "mybiz" for https://mybiz.storeganise.com.',
    );
  }
  if (CODE.test(raw)) return raw;

  // Every way out but one is a refusal, so each check refuses at once rather than falling through.
  const refuse = () =>
    new BusinessCodeError(
      `"${String(input).trim().slice(0, 100)}" is not a Storeganise business code. Use the first part of your portal address: "mybiz", "mybiz.storeganise.com" or "https://mybiz.storeganise.com" all mean "mybiz".`,
    );
  let host = raw.split('/')[0];
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refuse();
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse();
    if (url.username || url.password || url.port) throw refuse();
    host = url.hostname;
  }

  const match = STOREGANISE_HOST.exec(host);
  if (match && CODE.test(match[1])) return match[1];
  throw refuse();
}
