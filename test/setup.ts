import nock from 'nock';
// Runs built with test/runtime's app tester get a z.cache as strict as production's (ttl, scope, nx).
import './runtime/install';

// No test may reach the internet; end-to-end tests re-enable loopback for the local sandbox.
nock.disableNetConnect();
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
