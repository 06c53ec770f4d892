import { checkSignature, headerValue, sign } from '../../src/webhooks/signature';

describe('the sg-signature header is found however Zapier hands it on', () => {
  test.each([
    ['sg-signature', 'as Storeganise sends it'],
    ['Sg-Signature', 'in another case'],
    ['Http-Sg-Signature', "with Zapier's Http- prefix"],
    ['HTTP_SG_SIGNATURE', 'in CGI style, with underscores'],
    ['  sg-signature  ', 'with stray spaces around the name'],
  ])('%s (%s)', (name) => {
    expect(headerValue({ [name]: 'sig' }, 'sg-signature')).toBe('sig');
  });

  test('a header that merely contains the name elsewhere is not it', () => {
    expect(headerValue({ 'x-http-sg-signature': 'sig' }, 'sg-signature')).toBeUndefined();
    expect(headerValue({ 'sg-signature-old': 'sig' }, 'sg-signature')).toBeUndefined();
  });

  test('the first value of a repeated header is used; values that are not text are not', () => {
    expect(headerValue({ 'Http-Sg-Signature': ['first', 'second'] }, 'sg-signature')).toBe('first');
    expect(headerValue({ 'sg-signature': [42] }, 'sg-signature')).toBeUndefined();
    expect(headerValue({ 'sg-signature': 42, 'Http-Sg-Signature': 'later' }, 'sg-signature')).toBe('later');
  });

  test('no headers at all, or headers that are not an object, give nothing', () => {
    expect(headerValue(undefined, 'sg-signature')).toBeUndefined();
    expect(headerValue(null, 'sg-signature')).toBeUndefined();
    expect(headerValue('sg-signature: sig', 'sg-signature')).toBeUndefined();
  });
});

describe('a delivery is genuine only when its signature matches the raw body', () => {
  const secret = 'fake-signing-secret-for-tests';
  const body = '{"id":"evt_1","type":"user.created","data":{"userId":"usr_1"}}';
  const good = sign(secret, body);

  test('the right signature is valid, also with spaces around it', () => {
    expect(checkSignature(secret, body, good)).toBe('valid');
    expect(checkSignature(secret, body, ` ${good} `)).toBe('valid');
  });

  test('no signature, or only white space, is missing', () => {
    expect(checkSignature(secret, body, undefined)).toBe('missing');
    expect(checkSignature(secret, body, '')).toBe('missing');
    expect(checkSignature(secret, body, '   ')).toBe('missing');
  });

  test('a signature of another body, another secret, or another length is a mismatch', () => {
    expect(checkSignature(secret, `${body} `, good)).toBe('mismatch');
    expect(checkSignature(`${secret}x`, body, good)).toBe('mismatch');
    expect(checkSignature(secret, body, good.slice(1))).toBe('mismatch');
    expect(checkSignature(secret, body, `${good.slice(0, -2)}AA`)).toBe('mismatch');
  });

  test('the signature is base64 HMAC-SHA256 of the body as UTF-8', () => {
    expect(sign('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=',
    );
    expect(sign(secret, 'café')).not.toBe(sign(secret, 'cafe'));
  });
});
