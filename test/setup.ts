import nock from 'nock';

// No test may reach the internet. Loopback stays open: z.cache goes over core's RPC to the local cache
// service (zapier-local/zapier-service.ts), and end-to-end tests talk to the local sandbox.
nock.disableNetConnect();
nock.enableNetConnect(/^127\.0\.0\.1:\d+$/);
// A developer's shell may point the app at a sandbox; unit tests always talk to (mocked) storeganise.com.
delete process.env.STOREGANISE_API_URL;
// Likewise the build switch of the private build (src/triggers/build.ts): the suite's App is the public build.
delete process.env.STOREGANISE_MANUAL_WEBHOOK;

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads its own nock; the previous file's interceptor must let go of Node's http
// module, or it answers the next file's requests with "net connect disabled".
afterAll(() => {
  nock.restore();
});
